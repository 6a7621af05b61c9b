// The only place that exits the process (STYLE.md «CLI and server»).
import {main} from "./main.ts";
import {UserError} from "./io.ts";
import {applyMemoryPolicy} from "./memoryPolicy.ts";

applyMemoryPolicy();

main(process.argv.slice(2), {out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n")})
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    if (e instanceof UserError) {
      process.stderr.write(`Ошибка: ${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`Непредвиденная ошибка: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  });
