// `mentoring rollup`: engagement for the whole country from the regions' exports (issue 15 §6).
import {checkPeriod, parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {table} from "../present.ts";
import {rollupReport, RollupInputError, type CoveredFigures, type RollupReport} from "../../reports/federal/rollup.ts";
import {formatNumber, formatPercent, formatPeriod} from "../../lib/format.ts";
import {coverageText} from "../../lib/coverageVerdict.ts";

export const ROLLUP_USAGE = "mentoring rollup ПАПКА… [--period ГГГГ-QN] [--json]";

function cells(f: CoveredFigures, r: RollupReport): string[] {
  const side = (engaged: number | null, population: number | null, pct: number | null, target: number, verdict: string) =>
    engaged === null || f.schoolsCounted === 0 ? ["—", "—", verdict] : [`${formatNumber(engaged)} / ${formatNumber(population)}`, formatPercent(pct, 1, target), verdict];
  return [...side(f.studentsEngaged, f.studentsPopulation, f.studentsPct, r.targets.students, f.verdict.students),
    ...side(f.teachersEngaged, f.teachersPopulation, f.teachersPct, r.targets.teachers, f.verdict.teachers)];
}

const schools = (f: CoveredFigures) => f.schoolsExpected === 0 ? "—" : `${formatNumber(f.schoolsCounted)} из ${formatNumber(f.schoolsExpected)}`;

export function rollupText(r: RollupReport): string {
  if (!r.period) return "В выгрузках нет ни одного квартала.";
  const c = r.country;
  const out: string[] = [];
  out.push(`Вовлечённость в наставничество по стране за ${formatPeriod(r.period)} (${r.period}); цель — ${formatNumber(r.targets.students)} % обучающихся 10–19 лет и ${formatNumber(r.targets.teachers)} % педагогов.`);
  out.push(`Охват: ${coverageText({schoolsCounted: c.schoolsCounted, schoolsExpected: c.schoolsExpected, regionsCounted: c.regionsCounted, regionsPresent: c.regionsPresent})}` +
    ` (регионов с полными данными: ${c.regionsComplete}).`);
  out.push("");
  out.push(table(["Страна и регионы", "Школ в сумме", "Обучающиеся", "%", "Вывод", "Педагоги", "%", "Вывод"], [
    ["Страна", schools(c), ...cells(c, r)],
    ...r.regions.map((g) => [`${g.name} (${g.code})`, schools(g), ...cells(g, r)])
  ]));
  if (r.incomplete.length) {
    out.push("", "Неполные данные:");
    for (const i of r.incomplete) out.push(`  ${i.name} (${i.code}): ${i.note}`);
  }
  if (r.byForm.country.length) {
    out.push("", "По формам наставничества (школы в сумме):");
    out.push(table(["Форма", "Программ", "Наставников", "Наставляемых", "Вовлечено обучающихся", "Вовлечено педагогов"],
      r.byForm.country.map((f) => [f.label, formatNumber(f.programmes), formatNumber(f.mentors), formatNumber(f.mentees),
        formatNumber(f.studentsEngaged), formatNumber(f.teachersEngaged)])));
  }
  if (r.diagnostics.length) {
    out.push("", "Диагностика педагогов по областям (все регионы, все загруженные результаты):");
    out.push(table(["Этап", "Область", "Педагогов", "Регионов", "Средний результат", "Средний дефицит"],
      r.diagnostics.map((d) => [d.wave === "entry" ? "входная" : "итоговая", d.label, formatNumber(d.teachers), formatNumber(d.regions),
        formatPercent(d.meanResult), formatPercent(d.meanDeficit)])));
    const hidden = r.diagnostics.filter((d) => d.regionsHidden > 0);
    if (hidden.length) out.push(`Скрыты группы меньше 5 педагогов: ${hidden.map((d) => `${d.label} (${d.wave === "entry" ? "входная" : "итоговая"}) — регионов: ${d.regionsHidden}`).join("; ")}.`);
  }
  return out.join("\n");
}

export async function rollupCommand(argv: string[], io: Io): Promise<number> {
  const {values, positionals} = parse(argv, {period: {type: "string"}, json: {type: "boolean"}});
  if (values.help) { io.out(ROLLUP_USAGE); return 0; }
  if (positionals.length === 0) throw new UserError(`укажите папки с выгрузками регионов: ${ROLLUP_USAGE}`);
  const period = checkPeriod(values.period);
  let report: RollupReport;
  try {
    report = await rollupReport(positionals, {period});
  } catch (e) {
    if (e instanceof RollupInputError) throw new UserError(e.message);
    throw e;
  }
  io.out(values.json ? JSON.stringify(report, null, 2) : rollupText(report));
  return 0;
}
