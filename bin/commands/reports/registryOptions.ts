// Options shared by the registries reports (violations, load): --date and --school.
import {UserError} from "../../io.ts";

/** YYYY-MM-DD as a real calendar day, or a Russian error saying how to write it. */
export function checkDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw new UserError(`дата «${value}» записана неверно: нужен вид ГГГГ-ММ-ДД, например 2026-11-24.`);
  }
  return m[0];
}
