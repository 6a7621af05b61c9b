// Option parsing for every command: node's parseArgs, with Russian messages for mistakes.
import {parseArgs, type ParseArgsConfig} from "node:util";
import {UserError} from "./io.ts";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({args: argv, options: {...options, help: {type: "boolean", short: "h"} as const}, allowPositionals: true, strict: true});
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new UserError(`неизвестный параметр ${unknown[1]}. Справка: mentoring help`);
    const missing = /Option '([^']+)'.*argument missing/.exec(msg);
    if (missing) throw new UserError(`у параметра ${missing[1]} нет значения.`);
    throw new UserError(`не удалось разобрать параметры: ${msg}`);
  }
}

/** YYYY-QN, or a Russian error saying how to write it. */
export function checkPeriod(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-?Q([1-4])$/i.exec(value.trim());
  if (!m) throw new UserError(`период «${value}» записан неверно: нужен вид ГГГГ-QN, например 2024-Q1.`);
  return `${m[1]}-Q${m[2]}`;
}
