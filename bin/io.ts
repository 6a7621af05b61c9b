// Output channels of a command (so tests can capture them) and the expected-failure error.

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** An expected failure, printed in Russian without a stack: a missing file, a bad option. */
export class UserError extends Error {}

/** A collecting Io for tests and for the server. */
export function bufferIo(): Io & {stdout: string[]; stderr: string[]} {
  const stdout: string[] = [], stderr: string[] = [];
  return {stdout, stderr, out: (s) => stdout.push(s), err: (s) => stderr.push(s)};
}
