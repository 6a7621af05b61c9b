// A setting that cannot be used is an error naming the file (or upload) and the field, in
// Russian — never a silent default. zod's messages go through its Russian locale.
import {z} from "zod";

const ru = z.locales.ru().localeError;

/** zod's Russian wording, with plainer words for the usual cases. */
export const settingsErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.input === undefined) return "значение не заполнено";
  if (issue.code === "invalid_type" && issue.expected === "number") return "нужно число";
  if (issue.code === "invalid_type" && issue.expected === "string") return "нужен текст";
  if (issue.code === "invalid_type" && issue.expected === "array") return "нужен список";
  return ru(issue);
};

/** A settings problem: which setting, where it came from (file or upload), which field, what is wrong. */
export class SettingsError extends Error {
  constructor(message: string, readonly setting: string, readonly source: string) {
    super(message);
    this.name = "SettingsError";
  }
}

/** «areas.2.synonyms» in a readable form: «areas → 3-й элемент → synonyms». */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === "number" ? `[${p + 1}]` : String(p))).join(".").replace(/\.\[/g, "[") : "(весь файл)";
}

/** Validates a value against a schema with Russian messages; the first problems, listed by field. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): {ok: true; value: T} | {ok: false; issues: Array<{path: PropertyKey[]; message: string}>} {
  const r = schema.safeParse(value, {error: settingsErrorMap});
  if (r.success) return {ok: true, value: r.data};
  return {ok: false, issues: r.error.issues.map((i) => ({path: i.path, message: i.message}))};
}
