// Quarterly reports, Forms 1–5 (placeholder while the reader is written).
import type {FileKind} from "../fileKind.ts";

export const formsKind: FileKind<unknown> = {
  name: "forms",
  label: "квартальный отчёт по формам 1–5",
  detect: () => 0,
  parse: () => ({rejected: true, issues: [], data: null}),
  store: async () => undefined
};
