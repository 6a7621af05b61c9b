// Plain-text presentation shared by commands: issue lines and simple aligned tables.
import type {Issue} from "../loaders/issues.ts";
import {SEVERITY_LABELS as SEVERITY} from "../lib/glossary.ts";

/** «  ошибка · лист «Форма 2», D9 · СОШ № 3: …  (значение: «12»)» */
export function issueLine(i: Pick<Issue, "severity" | "sheet" | "cell" | "school" | "message" | "value">): string {
  const place = [i.sheet ? `лист «${i.sheet}»` : null, i.cell].filter(Boolean).join(", ");
  const who = i.school ? ` · ${i.school}` : "";
  const value = i.value !== null && i.value !== "" ? ` (значение: «${i.value.length > 60 ? i.value.slice(0, 57) + "…" : i.value}»)` : "";
  return `  ${SEVERITY[i.severity]}${place ? " · " + place : ""}${who}: ${i.message}${value}`;
}

/** Left-aligned text columns, right-aligned when a column's cells look numeric. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? "")].length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[\d\s\u00a0,.%—–-]*$/.test(r[c] ?? "")));
  const line = (r: string[]) => r.map((v, c) => {
    const pad = " ".repeat(widths[c]! - [...v].length);
    return numeric[c] ? pad + v : v + pad;
  }).join("  ").trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
