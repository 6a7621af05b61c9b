// `mentoring report swot`: the SWOT of the programme from questionnaires, with ratings and the
// statements waiting to be coded.
import {checkYear, parse} from "../../args.ts";
import {periodLabel} from "../../../lib/period.ts";
import {UserError} from "../../io.ts";
import {table} from "../../present.ts";
import {formatNumber, formatP, formatPercent} from "../../../lib/format.ts";
import type {ChosenTest} from "../../../lib/chosenTest.ts";
import {RESPONDENT_ROLES} from "../../../lib/glossary.ts";
import {withStore} from "../../withStore.ts";
import {swotReport, type PrePost} from "../../../reports/swot.ts";
import {settingFromFile} from "../../../settings/load.ts";
import {SettingsError} from "../../../settings/errors.ts";
import type {ReportCommand} from "./types.ts";
import {resolveScope, SCOPE_OPTIONS, SCOPE_USAGE} from "./scopeOptions.ts";

const ROLES: readonly string[] = RESPONDENT_ROLES;
const USAGE = "[--role наставник|наставляемый|куратор|руководитель] [--wave entry|exit] [--year 2024/25] [--codebook ФАЙЛ] [--top N] [--level … --id N | --school … | --municipality …] [--db ФАЙЛ] [--json]";

/** The chosen test (lib/chosenTest.ts) with its p: «критерий Уилкоксона, p = 0,042». */
function testText(t: ChosenTest): string {
  return t.test === null ? "проверить значимость нельзя (мало данных или нет изменений)" : `${t.label}, ${formatP(t.p)}`;
}

function prePostLine(p: PrePost): string {
  if (p.type === "paired") {
    const r = p.result;
    return `    до/после (парное сравнение, ${p.matched} сопоставленных участников): ${formatNumber(r.meanBefore, 2)} → ${formatNumber(r.meanAfter, 2)}` +
      `, ${testText(r.test)}; улучшили оценку ${formatPercent(r.shareImproved === null ? null : r.shareImproved * 100)}`;
  }
  const r = p.result;
  return `    до/после (независимые выборки: ${p.reason}): ${formatNumber(r.meanBefore, 2)} (n = ${r.nBefore}) → ${formatNumber(r.meanAfter, 2)} (n = ${r.nAfter})` +
    `, ${testText(r.test)}`;
}

export const swotReportCommand: ReportCommand = {
  name: "swot",
  usage: USAGE,
  summary: "SWOT-анализ программы по анкетам: упоминания по квадрантам и ролям, оценки, некодированные ответы",
  async run(argv, io) {
    const {values} = parse(argv, {role: {type: "string"}, wave: {type: "string"}, year: {type: "string"}, codebook: {type: "string"}, top: {type: "string"}, db: {type: "string"}, json: {type: "boolean"},
      school: {type: "string"}, ...SCOPE_OPTIONS});
    const period = checkYear(values.year);
    if (values.help) { io.out(`mentoring report swot ${USAGE}`); return 0; }
    const role = values.role?.trim().toLowerCase().replace(/ё/g, "е");
    if (role !== undefined && !ROLES.includes(role)) throw new UserError(`--role: нужна одна из ролей ${ROLES.join(", ")}, а не «${values.role}».`);
    const wave = values.wave;
    if (wave !== undefined && wave !== "entry" && wave !== "exit") throw new UserError(`--wave: нужно entry (входное анкетирование) или exit (итоговое), а не «${wave}».`);
    const top = values.top === undefined ? 5 : Number(values.top);
    if (!Number.isInteger(top) || top < 1) throw new UserError(`--top: нужно целое число от 1, а не «${values.top}».`);
    return withStore(values.db, async (store, settings) => {
      let codebook = settings.swotCodebook;
      try { if (values.codebook) codebook = settingFromFile("swotCodebook", values.codebook); } catch (e) {
        throw e instanceof SettingsError ? new UserError(e.message) : e;
      }
      const scope = await resolveScope(store, values);
      const r = await swotReport(store, {...settings, swotCodebook: codebook}, {role, wave, top, scope, ...(period ? {period} : {})});
      if (values.json) { io.out(JSON.stringify(r, null, 2)); return 0; }
      if (r.respondents.total === 0) {
        io.out(`Анкет${role ? ` с ролью «${role}»` : ""} в базе нет. Загрузите выгрузку опроса: mentoring ingest <файл.xlsx>`);
        return 0;
      }
      const roles = Object.entries(r.respondents.byRole).map(([k, n]) => `${k} — ${n}`).join(", ");
      const filters = [role ? `роль: ${role}` : "", wave ? (wave === "entry" ? "входное анкетирование" : "итоговое анкетирование") : ""].filter(Boolean);
      filters.unshift(period ? periodLabel(period) : "все периоды");
      io.out(`SWOT-анализ программы наставничества${filters.length ? ` (${filters.join(", ")})` : ""}`);
      io.out(`Респондентов: ${r.respondents.total} (${roles}); доля — от числа респондентов.`);
      io.out("");
      io.out(table(["Квадрант", "Упоминаний", "Респондентов", "Доля", "Не закодировано"],
        r.quadrants.map((q) => [q.label, String(q.mentions), String(q.respondents), formatPercent(q.share), String(q.uncodedMentions)])));
      for (const q of r.quadrants) {
        if (!q.top.length) continue;
        io.out("");
        io.out(`${q.label} — чаще всего:`);
        io.out(table(["Высказывание", "Упоминаний", "Доля респондентов", ...Object.keys(r.respondents.byRole)],
          q.top.map((s) => [s.label, String(s.mentions), formatPercent(s.share),
            ...Object.keys(r.respondents.byRole).map((k) => formatPercent(s.byRole[k]?.share ?? null))])));
      }
      if (r.ratings.length) {
        io.out("");
        io.out("Оценки (среднее · медиана · n):");
        for (const q of r.ratings) {
          const scale = q.scale ? ` (шкала ${q.scale.min}–${q.scale.max})` : "";
          io.out(`  ${q.question}${scale}: ${formatNumber(q.all.mean, 2)} · ${formatNumber(q.all.median, 1)} · ${q.all.n}`);
          io.out(`    по ролям: ${Object.entries(q.byRole).map(([k, s]) => `${k} ${formatNumber(s.mean, 2)} (n = ${s.n})`).join("; ")}`);
          if (q.prepost) io.out(prePostLine(q.prepost));
        }
      }
      if (r.closed.length) {
        io.out("");
        io.out("Закрытые вопросы:");
        for (const q of r.closed) {
          io.out(`  ${q.question} (n = ${q.n}): ${q.answers.map((a) => `${a.answer} — ${formatPercent(a.share)}`).join("; ")}`);
        }
      }
      io.out("");
      if (r.uncoded.length) {
        io.out(`Не закодировано высказываний: ${r.uncoded.length}. Добавьте фразы в кодификатор SWOT (mentoring settings export → лист «Кодификатор SWOT» → mentoring ingest) и запустите отчёт снова:`);
        for (const u of r.uncoded.slice(0, 30)) {
          io.out(`  «${u.text}» — ${u.role}${u.quadrant ? `, квадрант по вопросу: ${r.quadrants.find((q) => q.quadrant === u.quadrant)!.label}` : ""} (${u.file}, строка ${u.row ?? "—"})`);
        }
        if (r.uncoded.length > 30) io.out(`  … и ещё ${r.uncoded.length - 30} (полный список: --json)`);
      } else {
        io.out("Все высказывания закодированы.");
      }
      return 0;
    }, {mustExist: true});
  }
};
