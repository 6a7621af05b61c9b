// How the annual report names whose it is (issue 15 §1, §5): the organisation's name and level on
// the title page and in the header of the DOCX, in the HTML/PDF heading, in the XLSX title and in
// every file name. One place for the words, so the four surfaces say the same.
import type {ScopeName} from "../scopeSql.ts";
import type {AnnualReport} from "./annualReport.ts";
import {LEVEL_LABELS, type OrganisationSetting} from "../../settings/organisation.ts";

/** «СОШ № 1 (Тарский)», «Тарский», or the region's organisation name. */
export function scopeTitle(s: ScopeName): string {
  return s.level === "school" && s.municipality ? `${s.name} (${s.municipality})` : s.name;
}

/**
 * The level as the title page says it: a school's or municipality's report says its own level;
 * the region's says the organisation setting's (a school running the product alone names itself there).
 */
export function scopeLevelLabel(s: ScopeName, organisation?: OrganisationSetting): string {
  return s.level === "region" && organisation ? LEVEL_LABELS[organisation.level] : LEVEL_LABELS[s.level];
}

/** «по региону», «по муниципалитету», «по школе»: where a total is summed. */
export function scopeTotalWords(s: ScopeName): string {
  return s.level === "region" ? "по региону" : s.level === "municipality" ? "по муниципалитету" : "по школе";
}

/** A file name's part naming the scope (none for the region): « — школа СОШ № 1 (Тарский)», characters a file system refuses removed. */
export function scopeFileSuffix(s: ScopeName): string {
  if (s.level === "region") return "";
  const word = s.level === "school" ? "школа" : "муниципалитет";
  const clean = `${word} ${scopeTitle(s)}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);
  return ` — ${clean}`;
}

/** A verdict cell: one text when students and teachers share it, else both named. */
export function verdictText(v: {students: string; teachers: string}): string {
  return v.students === v.teachers ? v.students : `обучающиеся: ${v.students}; педагоги: ${v.teachers}`;
}

/** Every annual export's file name before its extension: «Итоговый отчёт 2024-25», then the scope below the region. */
export function annualFileStem(r: Pick<AnnualReport, "period" | "scope">, word = "Итоговый отчёт"): string {
  return `${word} ${r.period.id.replace("/", "-")}${scopeFileSuffix(r.scope)}`;
}
