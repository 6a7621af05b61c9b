// Formula injection in exported spreadsheets (RELIABILITY.md «Export»; OWASP «CSV injection»): a
// text cell that begins with `=`, `+`, `-`, `@`, TAB, CR, LF or NUL could be run by a spreadsheet,
// so it gets a leading apostrophe and is shown as the text it was.

const DANGEROUS = /^[=+\-@\t\r\n\0]/;

/**
 * The text to write into an exported cell: unchanged, or with `'` in front when it could be taken
 * for a formula. Numbers and dates are written as numbers and dates and never pass through here.
 * @example neutralise("=1+2") // "'=1+2"
 * @example neutralise("СОШ № 1") // "СОШ № 1"
 */
export function neutralise(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

/** A cell value for exceljs: strings neutralised, numbers/dates/null as they are. */
export function safeCell(value: string | number | Date | null | undefined): string | number | Date | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? neutralise(value) : value;
}
