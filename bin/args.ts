// Option parsing for every command: node's parseArgs, with Russian messages for mistakes.
import {parseArgs, type ParseArgsConfig} from "node:util";
import {UserError} from "./io.ts";
import {parsePeriod, periodId, type Period, type PeriodKind} from "../lib/period.ts";

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

/**
 * A quarter typed in Russian or ISO («2024-Q1», «1 кв 2024», «I квартал 2024») → its id «2024-Q1»;
 * a wrong value is a user error naming the option and the accepted forms (lib/period.ts).
 */
export function checkPeriod(value: string | undefined, option = "--period"): string | undefined {
  if (value === undefined) return undefined;
  const r = parsePeriod(value, ["quarter"]);
  if (!r.ok) throw new UserError(`${option}: ${r.message}`);
  return periodId(r.period);
}

/** A school year («2024/25», «2024-2025») or a calendar year («2024») for --year; a user error otherwise. */
export function checkYear(value: string | undefined, kinds: PeriodKind[] = ["school-year", "calendar-year"], option = "--year"): Period | undefined {
  if (value === undefined) return undefined;
  const r = parsePeriod(value, kinds);
  if (!r.ok) throw new UserError(`${option}: ${r.message}`);
  return r.period;
}
