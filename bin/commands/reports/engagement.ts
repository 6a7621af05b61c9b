// `mentoring report engagement`: the quarterly engagement against the target.
import {parse, checkPeriod} from "../../args.ts";
import type {Io} from "../../io.ts";
import {UserError} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {engagementReport, engagementPeriods, type EngagementReport} from "../../../reports/engagement.ts";
import {engagementByForm} from "../../../reports/engagementByForm.ts";
import {engagementForAggregates, type AggregateEngagementReport} from "../../../reports/aggregateEngagement.ts";
import {formatNumber, formatPercent, formatPeriod} from "../../../lib/format.ts";
import type {EngagementFigures} from "../../../lib/engagementSummary.ts";
import type {Coverage} from "../../../lib/coverage.ts";
import type {ReportCommand} from "./types.ts";
import {resolveScope, SCOPE_OPTIONS, SCOPE_USAGE} from "./scopeOptions.ts";

const mark = (v: boolean | null) => (v === null ? "н/д" : v ? "да" : "нет");
/** Over incomplete coverage the target is not judged: «неполн.» (explained under the tables). */
const judged = (v: boolean | null, complete: boolean) => (complete ? mark(v) : "неполн.");

/** A side hidden for aggregate readers (reports/aggregateEngagement.ts): «< 5» instead of its figures. */
type Hidden = {suppressed?: {students: boolean; teachers: boolean}};

function side(f: EngagementFigures & Hidden, who: "students" | "teachers", target: number, complete: boolean, min: number): string[] {
  if (f.suppressed?.[who]) return [`< ${min}`, "—", "—"];
  const engaged = f[`${who}Engaged`];
  return [engaged === null ? "—" : `${formatNumber(engaged)} / ${formatNumber(f[`${who}Population`])}`,
    formatPercent(f[`${who}Pct`], 1, target), judged(f.meetsTarget[who], complete)];
}

function cells(f: EngagementFigures & Hidden, targets: {students: number; teachers: number}, complete = true, min = 5): string[] {
  return [...side(f, "students", targets.students, complete, min), ...side(f, "teachers", targets.teachers, complete, min)];
}

type ShareOnly = {share: number | null};

const schoolsOf = (c: Pick<Coverage, "schoolsCounted" | "schoolsExpected">) => `${formatNumber(c.schoolsCounted)} из ${formatNumber(c.schoolsExpected)}`;
const share = (x: number | null) => (x === null ? "—" : formatPercent(x * 100, 1));

/** The coverage line under the title: complete, or what is missing and how much of the population is counted. */
export function coverageLine(c: Pick<Coverage, "complete" | "label"> & {students: ShareOnly; teachers: ShareOnly}): string {
  if (c.complete) return `Данные полные: в сумме все ожидаемые школы (${c.label}).`;
  return `Данные неполные: ${c.label} (у учтённых школ ${share(c.students.share)} обучающихся и ${share(c.teachers.share)} педагогов ` +
    "от известной численности ожидаемых школ); цель не оценивается.";
}

export function engagementText(r: EngagementReport | AggregateEngagementReport): string {
  if (!r.period) return "В базе нет квартальных отчётов. Загрузите их: mentoring ingest <папка>";
  const min = "minGroupSize" in r ? r.minGroupSize : 5;
  const head = ["Обучающиеся", "%", `≥ ${r.targets.students} %`, "Педагоги", "%", `≥ ${r.targets.teachers} %`];
  const out: string[] = [];
  out.push(`Вовлечённость в наставничество за ${formatPeriod(r.period)} (${r.period}); цель — ${formatNumber(r.targets.students)} % обучающихся 10–19 лет и ${formatNumber(r.targets.teachers)} % педагогов.`);
  out.push(coverageLine(r.total.coverage));
  out.push("");
  // Below the region the first row is the scope's total (a municipality's, or the one school's).
  const totalLabel = r.scope.level === "region" ? "Регион" : r.scope.level === "municipality" ? "Итого по муниципалитету" : "Итого по школе";
  out.push(table([r.scope.level === "region" ? "Регион и муниципалитеты" : "Итого и муниципалитеты", "Школ", ...head], [
    [totalLabel, schoolsOf(r.total.coverage), ...cells(r.total, r.targets, r.total.coverage.complete, min)],
    ...(r.scope.level === "region" ? r.municipalities : []).map((m) => [m.name, schoolsOf(m.coverage), ...cells(m, r.targets, m.coverage.complete, min)])
  ]));
  out.push("");
  out.push(table(["Школа", "Муниципалитет", "Состояние", ...head, "Замечания"], r.schools.map((s) => [
    s.name, s.municipality, s.stateLabel,
    ...(s.status === "not_reported" ? ["—", "—", "—", "—", "—", "—"] : cells(s, r.targets, true, min)),
    s.dataErrors.length ? `${s.dataErrors.length}` + (s.includedInTotals ? "" : ", не в сумме") : s.includedInTotals || s.status === "not_reported" ? "" : "не в сумме"
  ])));
  if (r.notCounted.length) {
    out.push("", `Не учтены в суммах (${r.notCounted.length}):`);
    for (const s of r.notCounted) out.push(`  ${s.name} (${s.municipality}) — ${s.stateLabel}${s.reasons.length ? `: ${s.reasons.join("; ")}` : ""}`);
  }
  if (r.rejectedFiles.length) {
    out.push("", `Не приняты файлы, школа которых не определена (${r.rejectedFiles.length}): учитываются против полноты, пока файл не заменён или не снят с учёта (mentoring directory dismiss N):`);
    for (const f of r.rejectedFiles) out.push(`  загрузка № ${f.uploadId}, ${f.file}${f.message ? `: ${f.message}` : ""}`);
  }
  out.push("");
  out.push(`В сумму вошли школ: ${r.total.schoolsIncluded.length} из ${r.total.coverage.schoolsExpected}. Не отчитались: ${r.total.schoolsNotReported.length ? r.total.schoolsNotReported.join("; ") : "нет"}.`);
  if (!r.total.coverage.complete || r.municipalities.some((m) => !m.coverage.complete)) {
    out.push("«неполн.» — в сумме не все ожидаемые школы: достижение цели не оценивается, пока не отчитаются все.");
  }
  if ("audience" in r) {
    out.push(`Для публикации: группы меньше ${min} человек скрыты («< ${min}»), а также числа, по которым их можно было бы вычислить ` +
      "вычитанием из итога (вторичное подавление); ошибки данных и имена файлов не выводятся.");
  }
  const errors = r.schools.filter((s) => s.dataErrors.length);
  if (errors.length) {
    out.push("", "Ошибки данных:");
    for (const s of errors) for (const e of s.dataErrors) out.push(`  ${s.name}: ${e.message}${e.cell ? ` (${e.file}, лист «${e.sheet}», ${e.cell})` : ""}`);
  }
  return out.join("\n");
}

/** The aggregate view of a quarter: the same secondary cells as the split by form (both are published together). */
async function publicEngagement(store: Parameters<typeof engagementByForm>[0], settings: Parameters<typeof engagementByForm>[1],
  full: EngagementReport): Promise<AggregateEngagementReport> {
  const byForm = await engagementByForm(store, settings, {base: full, suppress: false});
  return engagementForAggregates(full, byForm, settings.groupSize.minGroupSize).report;
}

export const engagementReportCommand: ReportCommand = {
  name: "engagement",
  usage: `[--db ФАЙЛ] [--period ГГГГ-QN] ${SCOPE_USAGE} [--json] [--public]`,
  summary: "вовлечённость обучающихся и педагогов по школам, муниципалитетам и региону против цели 70 % (--public: для публикации и руководства)",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, period: {type: "string"}, json: {type: "boolean"}, public: {type: "boolean"},
      school: {type: "string"}, ...SCOPE_OPTIONS});
    if (values.help) { io.out(`mentoring report engagement ${this.usage}`); return 0; }
    const period = checkPeriod(values.period);
    return withStore(values.db, async (store, settings) => {
      const known = await engagementPeriods(store);
      if (period && !known.includes(period)) {
        throw new UserError(`за период ${period} данных нет. Есть: ${known.length ? known.join(", ") : "ничего (база пуста)"}.`);
      }
      const full = await engagementReport(store, settings, {period, scope: await resolveScope(store, values)});
      // --public: the figures management and a website receive (reports/aggregateEngagement.ts).
      const report = values.public ? await publicEngagement(store, settings, full) : full;
      io.out(values.json ? JSON.stringify(report, null, 2) : engagementText(report));
      return 0;
    }, {mustExist: true});
  }
};
