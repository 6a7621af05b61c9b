// The curator's named-person card (service build only): every teacher's entry and exit deficits
// per area (prepostReport with names) and what remains at their latest wave with its level
// (deficitsReport with names) — the input to their individual route («ИОМ»).
// The public build never runs this loader (its page is not built); it refuses anyway.
import {prepostReport, type PrepostTeacher} from "../../reports/prepost.ts";
import {deficitsReport, type DeficitsReport, type TeacherDeficits} from "../../reports/deficits.ts";
import {emit, isPublic, section, NO_DATA} from "./_snapshot.ts";
import type {Section} from "../components/section.ts";

export interface TeachersData {
  areas: Array<{area: string; label: string}>;
  levels: DeficitsReport["levels"];
  teachers: Array<PrepostTeacher & {latest: Pick<TeacherDeficits, "wave" | "deficits" | "priorities"> | null}>;
}

await emit(async (store, settings): Promise<Section<TeachersData>> => {
  if (isPublic()) return {available: false, message: "Карточки педагогов есть только в служебной сборке."};
  if (!store) return {available: false, message: NO_DATA};
  return section(async () => {
    // Named on purpose: this page is the curator's working view of each teacher.
    const prepost = await prepostReport(store, settings, {names: true});
    if (prepost.counts.teachers === 0) return null;
    const deficits = await deficitsReport(store, settings, {names: true});
    const latest = new Map(deficits.teachers.map((t) => [t.id, t]));
    return {
      areas: prepost.areas.map((a) => ({area: a.area, label: a.label})),
      levels: deficits.levels,
      teachers: prepost.teachers.map((t) => {
        const l = latest.get(t.id);
        return {...t, latest: l ? {wave: l.wave, deficits: l.deficits, priorities: l.priorities} : null};
      }).sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "ru"))
    };
  }, "Диагностика педагогов ещё не загружена: загрузите входную и итоговую диагностику и соберите дашборды заново.");
});
