// `mentoring report annual`: the annual analytical report for a school year (or a calendar year) —
// the same object as the PDF, the XLSX, /api/annual and the management dashboard.
import {writeFile} from "node:fs/promises";
import {extname} from "node:path";
import {checkYear, parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {withStore} from "../../withStore.ts";
import {annualReport, type AnnualReport} from "../../../reports/exports/annualReport.ts";
import {formatDate, formatNumber, formatP, formatPercent, formatPeriod} from "../../../lib/format.ts";
import type {ReportCommand} from "./types.ts";
import {resolveScope, SCOPE_OPTIONS, SCOPE_USAGE} from "./scopeOptions.ts";
import {scopeLevelLabel, scopeTitle} from "../../../reports/exports/annualScope.ts";
import {UnknownScopeError} from "../../../reports/scopeSql.ts";
import type {OrganisationSetting} from "../../../settings/organisation.ts";

const USAGE = `[--year 2024/25] ${SCOPE_USAGE} [--db ФАЙЛ] [--json] [--out ФАЙЛ.xlsx|.html|.docx] [--docx ФАЙЛ.docx] [--xlsx ФАЙЛ.xlsx]`;

/** The report's main figures, one line each, every one with its period. */
export function annualText(r: AnnualReport, organisation?: OrganisationSetting): string {
  const out: string[] = [`Итоговый аналитический отчёт за ${r.period.label} (${formatDate(r.period.start)}–${formatDate(r.period.end)}).`,
    `${scopeTitle(r.scope)} — ${scopeLevelLabel(r.scope, organisation)}${r.scope.id === null ? "" : ` (№ ${r.scope.id} в справочнике)`}.`];
  const note = (s: {available: false; note: string}) => `  ${s.note}`;
  out.push("", "1. Вовлечённость:");
  if (r.engagement.available) {
    const c = r.engagement.data.current, t = r.engagement.data.targets;
    out.push(`  ${formatPeriod(c.period)}: обучающихся ${formatPercent(c.studentsPct, 1, t.students)} (цель ${t.students} %), ` +
      `педагогов ${formatPercent(c.teachersPct, 1, t.teachers)} (цель ${t.teachers} %); школ в расчёте ${c.schoolsIncluded}, не отчитались ${c.schoolsNotReported}.`);
    out.push(c.verdict.students === c.verdict.teachers ? `  Вывод: ${c.verdict.students}.`
      : `  Вывод: обучающиеся — ${c.verdict.students}; педагоги — ${c.verdict.teachers}.`);
  } else out.push(note(r.engagement));
  out.push("", `2. Целевые показатели, ${r.schoolYear.label}:`);
  if (r.targets.available) {
    for (const i of r.targets.data.indicators) {
      const both = i.bySource.roster && i.bySource.table
        ? ` (по кадровым спискам ${formatPercent(i.bySource.roster.actual)}, по таблицам показателей ${formatPercent(i.bySource.table.actual)})` : "";
      const text = `${i.verdict}${both}`;
      out.push(`  ${i.name}: ${text}${text.endsWith(".") ? "" : "."}`);
    }
  } else out.push(note(r.targets));
  out.push("", "3. SWOT:");
  if (r.swot.available) {
    out.push(`  ответили ${r.swot.data.respondents}; ` + r.swot.data.quadrants.map((q) => `${q.label.toLowerCase()} — ${q.mentions}`).join(", ") + ".");
  } else out.push(note(r.swot));
  out.push("", "   Закрепление молодых специалистов:");
  if (r.retention.available) {
    const j = r.retention.data.judged;
    out.push(j ? `  принятые в ${j.label}: остались через год ${j.retained} из ${j.retained + j.left} — ${formatPercent(j.share, 1, 90)}.`
      : `  когорты, принятой в предыдущем учебном году, нет.`);
    const t = r.retention.data.turnoverTarget;
    if (t) out.push(`  ${t.name}: ${t.verdict}${t.verdict.endsWith(".") ? "" : "."}`);
  } else out.push(note(r.retention));
  out.push("", `   Нагрузка и нарушения на ${formatDate(r.asOf)}:`);
  if (r.load.available) out.push(`  наставников ${r.load.data.mentors}, наставляемых ${r.load.data.mentees}, наибольшая нагрузка ${r.load.data.maxCurrent} при пределе ${r.load.data.maxMentees}.`);
  else out.push(note(r.load));
  if (r.violations.available) out.push(...r.violations.data.rules.filter((v) => v.count).map((v) => `  ${v.title}: ${v.count}.`));
  out.push("", `4. Дефициты до и после, ${r.schoolYear.label}:`);
  if (r.prepost.available) {
    for (const a of r.prepost.data.areas) {
      out.push(a.suppressed ? `  ${a.label}: пар меньше ${r.minGroupSize}, не показывается.`
        : a.nPairs === 0 ? `  ${a.label}: нет педагогов с обеими диагностиками в этом учебном году.`
        : `  ${a.label}: ${formatPercent(a.meanEntryDeficit)} → ${formatPercent(a.meanExitDeficit)} (пар: ${a.nPairs}), ${formatP(a.test?.p)} (${a.test?.label ?? "—"}).`);
    }
  } else out.push(note(r.prepost));
  out.push("", "5. Что говорят участники: до и после:");
  if (r.participants.available) {
    for (const l of [...r.participants.data.ratings, ...r.participants.data.yesNo]) {
      out.push(`  ${l.reading ?? `«${l.question}»: ответивших меньше ${r.minGroupSize} (в волне или среди сопоставленных), не показывается.`}`);
    }
  } else out.push(note(r.participants));
  return out.join("\n");
}

export const annualReportCommand: ReportCommand = {
  name: "annual",
  usage: USAGE,
  summary: "итоговый аналитический отчёт за учебный год (или календарный): все разделы только за этот период",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {year: {type: "string"}, db: {type: "string"}, json: {type: "boolean"}, out: {type: "string"},
      docx: {type: "string"}, xlsx: {type: "string"}, school: {type: "string"}, ...SCOPE_OPTIONS});
    if (values.help) { io.out(`mentoring report annual ${USAGE}`); return 0; }
    const period = checkYear(values.year);
    const docx = values.docx as string | undefined, xlsx = values.xlsx as string | undefined;
    if ([docx, xlsx, values.out].filter((x) => x !== undefined).length > 1) throw new UserError("укажите один файл: --out, --docx или --xlsx.");
    if (docx !== undefined && extname(docx).toLowerCase() !== ".docx") throw new UserError(`--docx: нужен файл .docx, а не «${docx}».`);
    if (xlsx !== undefined && extname(xlsx).toLowerCase() !== ".xlsx") throw new UserError(`--xlsx: нужен файл .xlsx, а не «${xlsx}».`);
    const out = (values.out as string | undefined) ?? docx ?? xlsx;
    if (out && ![".xlsx", ".html", ".docx"].includes(extname(out).toLowerCase())) throw new UserError(`--out: нужен файл .xlsx, .html или .docx, а не «${out}».`);
    return withStore(values.db, async (store, settings) => {
      const scope = await resolveScope(store, values as Record<string, string | undefined>);
      let r: AnnualReport;
      try {
        // The command line is the methodologist's: exact counts (management's copies come from the server).
        r = await annualReport(store, settings, {...(period ? {period} : {}), scope, audience: "service"});
      } catch (e) {
        if (e instanceof UnknownScopeError) throw new UserError(e.message);
        throw e;
      }
      const org = settings.organisation;
      if (out) {
        const ext = extname(out).toLowerCase();
        const bytes = ext === ".xlsx" ? await (await import("../../../reports/exports/annualXlsx.ts")).annualWorkbook(r, org)
          : ext === ".docx" ? await (await import("../../../reports/exports/annualDocx.ts")).annualDocx(r, org)
          : Buffer.from((await import("../../../reports/exports/annualHtml.ts")).annualHtml(r, org));
        await writeFile(out, bytes);
        const whose = r.scope.level === "region" ? "" : ` (${scopeTitle(r.scope)}, ${scopeLevelLabel(r.scope, org)})`;
        io.out(`Итоговый отчёт за ${r.period.label}${whose} записан: ${out}`);
        return 0;
      }
      io.out(values.json ? JSON.stringify(r, null, 2) : annualText(r, org));
      return 0;
    }, {mustExist: true});
  }
};
