// What a stored number means, shared by the readers of every format: number formats that show a
// date or a percent, spreadsheet serial dates (1900 and 1904 systems), strict ISO 8601 dates.
// None of these ever yields an Invalid Date: what is not a real date stays a number or text.

export type FormatKind = "date" | "percent" | null;

/** Excel's built-in number formats (ids shared by XLSX and XLS) that show a date or time. */
export const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
  50, 51, 52, 53, 54, 55, 56, 57, 58]);
export const BUILTIN_PERCENT = new Set([9, 10]);

/** Whether a format code shows a percent, a date (or time), or neither. */
export function formatKind(code: string): FormatKind {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\[[^[\]]*\]/g, "").replace(/\\./g, "").replace(/_.|\*./g, "");
  if (bare.includes("%")) return "percent";
  if (/[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim())) return "date";
  return null;
}

/** The largest serial a spreadsheet shows as a date: 31.12.9999. */
const MAX_SERIAL = 2_958_465;

/**
 * A spreadsheet serial day number as a UTC date-time, or null when it is no date (negative, past
 * 9999, not finite). Serial 60 is Excel's phantom 29.02.1900; serials after it are one day ahead.
 */
export function excelDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return null;
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86400000));
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time («2024-09-01», «2024-09-01T10:30:00») that is a real calendar
 * date, as a UTC date-time (the clock time as written; an offset is ignored, as spreadsheets keep
 * wall-clock times). Anything else — «31.02.2024», «2024-02-30», «завтра» — is null.
 */
export function isoDate(text: string): Date | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s, ms));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d) return null;
  return date;
}
