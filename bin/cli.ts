// The only place that exits the process (STYLE.md «CLI and server»).
//
// Exit codes: 0 — done; 1 — a user error (a wrong option, a missing file, unusable settings) or at
// least one file of a batch not loaded; 2 — an unexpected failure of the program itself.
import {main} from "./main.ts";
import {UserError} from "./io.ts";
import {applyMemoryPolicy} from "./memoryPolicy.ts";

applyMemoryPolicy();

/**
 * Exits once everything written has left the process: stdout to a pipe is asynchronous, and
 * process.exit() right after a large write would cut it (`report prepost --json | …` lost all but
 * the first 64 KiB). A reader that closed the pipe early (`| head`) ends the wait too.
 */
function exit(code: number): void {
  let pending = 2;
  for (const stream of [process.stdout, process.stderr]) {
    let flushed = false;
    const done = () => {
      if (flushed) return;
      flushed = true;
      if (--pending === 0) process.exit(code);
    };
    stream.on("error", done);
    stream.write("", done);
  }
}

main(process.argv.slice(2), {out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n")})
  .then(exit)
  .catch((e: unknown) => {
    if (e instanceof UserError) {
      process.stderr.write(`Ошибка: ${e.message}\n`);
      exit(1);
      return;
    }
    process.stderr.write(`Непредвиденная ошибка: ${e instanceof Error ? e.stack : String(e)}\n`);
    exit(2);
  });
