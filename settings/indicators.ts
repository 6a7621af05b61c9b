// «Целевые показатели»: the indicators of the annual report with their default targets of every kind
// (lib/targetDecision.ts: «не менее», «не более», growth or decline on last year), how each is
// computed, and targets for one level, municipality, school or school year (lib/targetIndicators.ts).
// File data/config/indicators.json.
import {IndicatorsConfigSchema, type IndicatorDef, type IndicatorsConfig, type RosterRule} from "../lib/targetIndicators.ts";
import {TARGET_KIND_WORDS, targetAmount, targetFromWord, targetKindWord, type Target, type TargetKindWord} from "../lib/targetDecision.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import {parsePeriod, periodId, schoolYear} from "../lib/period.ts";
import {defineSetting, joinList, listCell, numberCell, textCell, type Applied, type Place, type TableProblem, type TableValue} from "./definition.ts";

const SOURCES = {roster: "кадровый список", retention: "закрепление молодых специалистов", turnover: "текучесть кадров",
  table: "таблица показателей школы"} as const;
const POPULATIONS = {all: "все педагоги", young: "молодые специалисты", column: "по столбцу списка"} as const;
const MEASURES = {share: "доля, %", count: "количество"} as const;
const LEVELS = {region: "регион", municipality: "муниципалитет", school: "школа"} as const;
/** Short words people also write: «рост», «снижение» alone are a change in п. п. (0: any change). */
const KIND_SHORT: Record<string, TargetKindWord> = {"рост": "growth_points", "снижение": "decline_points"};
const KIND_EXPECTED = Object.values(TARGET_KIND_WORDS).map((w) => `«${w}»`).join(", ");

/** «Вид цели» read leniently: «рост на п.п.», «Рост на п. п.» and «рост на п п» are one word. */
function kindWord(v: TableValue): TargetKindWord | "?" | null {
  const t = textCell(v);
  if (t === null) return null;
  const squash = (x: string) => normalizeKey(x).replace(/[\s.]/g, "");
  const k = squash(t);
  for (const [code, label] of Object.entries(TARGET_KIND_WORDS) as Array<[TargetKindWord, string]>) if (k === squash(label) || k === code) return code;
  return KIND_SHORT[normalizeKey(t)] ?? "?";
}

/**
 * The target of a row from «Вид цели» and «Цель» (the indicator's measure turns «не менее» into a
 * share or a count): a blank kind is «не менее» (the earlier tables had only «Цель, %»); «рост» or
 * «снижение» without a number is any change (0). Undefined when nothing can be read — zod or the
 * problems then say why, at the cell.
 */
function targetOf(cells: Record<string, TableValue>, measure: "share" | "count", at: (column: string) => Place,
  problems: TableProblem[]): Target | undefined {
  const kind = kindWord(cells.targetKind ?? null);
  if (kind === "?") {
    problems.push({place: at("targetKind"), kind: "settings/unknown-word", value: cells.targetKind ?? null, expected: KIND_EXPECTED});
    return undefined;
  }
  const amount = numberCell(cells.target ?? null);
  if (amount === null) return kind === "growth_points" || kind === "decline_points" ? targetFromWord(kind, measure, 0) : undefined;
  if (Number.isNaN(amount)) return undefined;  // «settings/not-a-number» at the cell
  return targetFromWord(kind ?? "at_least", measure, amount);
}

/** «мастер-класс; мастер-класса; мастер-классов»: the noun after 1, 2 and 5. */
function unitOf(v: TableValue, at: Place, problems: TableProblem[]): {one: string; few: string; many: string} | undefined {
  const forms = listCell(v);
  if (!forms.length) return undefined;
  if (forms.length !== 3) {
    problems.push({place: at, kind: "settings/unknown-word", value: v, expected: "три формы через «;» — после 1, 2 и 5: мастер-класс; мастер-класса; мастер-классов"});
    return undefined;
  }
  return {one: forms[0]!, few: forms[1]!, many: forms[2]!};
}

function word<T extends string>(v: TableValue, words: Record<T, string>): T | "?" | null {
  const t = textCell(v);
  if (t === null) return null;
  const k = normalizeKey(t);
  for (const [code, label] of Object.entries(words) as Array<[T, string]>) if (k === code || k === normalizeKey(label)) return code;
  return "?";
}

function rule(columns: string[], values: string[], notValues: string[] = []): RosterRule {
  return {columns, ...(values.length ? {values} : {}), ...(notValues.length ? {notValues} : {})};
}

export const indicatorsSetting = defineSetting({
  key: "indicators",
  file: "indicators.json",
  label: "Целевые показатели",
  schema: IndicatorsConfigSchema,
  tables: [{
    sheet: "Целевые показатели",
    title: "Целевые показатели итогового отчёта: цель по умолчанию и как считается факт",
    help: `«Вид цели»: ${KIND_EXPECTED}; «Цель» — процент, количество или изменение к прошлому году (0 — любой рост или снижение). ` +
      "«Что считаем»: доля, % (по умолчанию) или количество (из таблицы показателей школы). " +
      "«Откуда факт»: кадровый список, закрепление молодых специалистов, текучесть кадров или таблица показателей школы. Списки — через «;».",
    columns: [
      {key: "code", header: "Код", width: 22},
      {key: "name", header: "Показатель", width: 50},
      {key: "targetKind", header: "Вид цели", width: 18, optional: true},
      {key: "target", header: "Цель", width: 10, numeric: true, aliases: ["Цель, %"]},
      {key: "measure", header: "Что считаем", width: 14, optional: true},
      {key: "unit", header: "Единица счёта (1; 2; 5)", width: 34, optional: true},
      {key: "source", header: "Откуда факт", width: 24},
      {key: "population", header: "Кого считать", width: 20},
      {key: "populationColumns", header: "Столбцы отбора (через ;)", width: 30},
      {key: "populationValues", header: "Значения отбора (через ;)", width: 20},
      {key: "rosterColumns", header: "Столбцы списка (через ;)", width: 34},
      {key: "rosterValues", header: "Значения «да» (через ;)", width: 20},
      {key: "rosterNotValues", header: "Значения «нет» (через ;)", width: 20},
      {key: "aliases", header: "Другие названия (через ;)", width: 40},
      {key: "reference", header: "Основание", width: 50}
    ],
    toRows: (v) => v.indicators.map((d: IndicatorDef) => ({
      code: d.code, name: d.name, targetKind: TARGET_KIND_WORDS[targetKindWord(d.target)], target: targetAmount(d.target),
      measure: MEASURES[d.measure], unit: d.unit ? joinList([d.unit.one, d.unit.few, d.unit.many]) : null, source: SOURCES[d.source],
      population: typeof d.population === "object" ? POPULATIONS.column : POPULATIONS[d.population],
      populationColumns: typeof d.population === "object" ? joinList(d.population.columns) : null,
      populationValues: typeof d.population === "object" ? joinList(d.population.values) : null,
      rosterColumns: joinList(d.roster?.columns), rosterValues: joinList(d.roster?.values), rosterNotValues: joinList(d.roster?.notValues),
      aliases: joinList(d.aliases), reference: d.reference ?? null
    })),
    apply(current, rows, sheet): Applied {
      const places = new Map<string, Place>(), problems: TableProblem[] = [];
      const indicators = rows.map((r, i) => {
        const at = (column: string) => ({sheet, row: r.row, column});
        places.set(`indicators.${i}`, {sheet, row: r.row, column: null});
        for (const k of ["code", "name", "target", "measure", "unit", "source", "aliases", "reference"]) places.set(`indicators.${i}.${k}`, at(k));
        places.set(`indicators.${i}.roster`, at("rosterColumns"));
        places.set(`indicators.${i}.population`, at("population"));
        const source = word(r.cells.source ?? null, SOURCES) ?? "roster";
        if (source === "?") problems.push({place: at("source"), kind: "settings/unknown-word", value: r.cells.source ?? null, expected: Object.values(SOURCES).join(", ")});
        const pop = word(r.cells.population ?? null, POPULATIONS) ?? "all";
        if (pop === "?") problems.push({place: at("population"), kind: "settings/unknown-word", value: r.cells.population ?? null, expected: Object.values(POPULATIONS).join(", ")});
        const measure = word(r.cells.measure ?? null, MEASURES) ?? "share";
        if (measure === "?") problems.push({place: at("measure"), kind: "settings/unknown-word", value: r.cells.measure ?? null, expected: Object.values(MEASURES).join(", ")});
        const unit = unitOf(r.cells.unit ?? null, at("unit"), problems);
        const rosterColumns = listCell(r.cells.rosterColumns ?? null);
        const before = problems.length;
        const target = targetOf(r.cells, measure === "?" ? "share" : measure, at, problems);
        // An unknown kind is said once, at its cell: zod's «no target» lands there too and is not repeated.
        if (problems.length > before) places.set(`indicators.${i}.target`, at("targetKind"));
        return {
          code: textCell(r.cells.code) ?? "", name: textCell(r.cells.name) ?? "",
          target, measure: measure === "?" ? "share" : measure, ...(unit ? {unit} : {}),
          aliases: listCell(r.cells.aliases ?? null),
          population: pop === "column" ? rule(listCell(r.cells.populationColumns ?? null), listCell(r.cells.populationValues ?? null))
            : pop === "?" ? "all" : pop,
          source: source === "?" ? "roster" : source,
          ...(rosterColumns.length ? {roster: rule(rosterColumns, listCell(r.cells.rosterValues ?? null), listCell(r.cells.rosterNotValues ?? null))} : {}),
          ...(textCell(r.cells.reference ?? null) ? {reference: textCell(r.cells.reference ?? null)!} : {})
        };
      });
      places.set("indicators", {sheet, row: rows[0]?.row ?? 3, column: null});
      return {value: {...(current as IndicatorsConfig), indicators}, places, problems};
    }
  }, {
    sheet: "Цели по школам",
    title: "Свои цели муниципалитета, школы или учебного года (иначе действует цель по умолчанию)",
    help: "Заполните код показателя, вид цели и цель, и то, к чему она относится: уровень отчёта (регион, муниципалитет, школа), " +
      "муниципалитет, школу и/или учебный год (2024/25). Пустая ячейка — «для всех». Действует самая точная строка: школа, затем муниципалитет, " +
      "затем учебный год. Цель по количеству для суммы региона или муниципалитета задаётся здесь с уровнем «регион» или «муниципалитет».",
    columns: [
      {key: "code", header: "Код показателя", width: 22},
      {key: "level", header: "Уровень", width: 16, optional: true},
      {key: "municipality", header: "Муниципалитет", width: 22},
      {key: "school", header: "Школа", width: 34},
      {key: "year", header: "Учебный год", width: 14},
      {key: "targetKind", header: "Вид цели", width: 18, optional: true},
      {key: "target", header: "Цель", width: 10, numeric: true, aliases: ["Цель, %"]}
    ],
    toRows: (v) => v.overrides.map((o) => ({code: o.code, level: o.level ? LEVELS[o.level] : null, municipality: o.municipality ?? null,
      school: o.school ?? null, year: o.year === undefined ? null : periodId(schoolYear(o.year)),
      targetKind: TARGET_KIND_WORDS[targetKindWord(o.target)], target: targetAmount(o.target)})),
    apply(current, rows, sheet): Applied {
      const places = new Map<string, Place>(), problems: TableProblem[] = [];
      const overrides = rows.map((r, i) => {
        const at = (column: string) => ({sheet, row: r.row, column});
        for (const k of ["code", "level", "municipality", "school", "year", "target"]) places.set(`overrides.${i}.${k}`, at(k));
        places.set(`overrides.${i}`, {sheet, row: r.row, column: null});
        let year: number | undefined;
        const y = textCell(r.cells.year ?? null);
        if (y !== null) {
          const p = parsePeriod(y, ["school-year"]);
          if (p.ok) year = p.period.year;
          else problems.push({place: at("year"), kind: "settings/unknown-word", value: r.cells.year ?? null, expected: "учебный год, например 2024/25"});
        }
        const level = word(r.cells.level ?? null, LEVELS);
        if (level === "?") problems.push({place: at("level"), kind: "settings/unknown-word", value: r.cells.level ?? null, expected: Object.values(LEVELS).join(", ")});
        const code = textCell(r.cells.code) ?? "";
        // The indicator's measure (from the table above when both were uploaded) turns «не менее» into a share or a count.
        const measure = (current as IndicatorsConfig).indicators.find((d) => d.code === code)?.measure ?? "share";
        const before = problems.length;
        const target = targetOf(r.cells, measure, at, problems);
        if (problems.length > before) places.set(`overrides.${i}.target`, at("targetKind"));
        return {code, ...(level && level !== "?" ? {level} : {}),
          ...(textCell(r.cells.municipality ?? null) ? {municipality: textCell(r.cells.municipality ?? null)!} : {}),
          ...(textCell(r.cells.school ?? null) ? {school: textCell(r.cells.school ?? null)!} : {}), ...(year !== undefined ? {year} : {}),
          target};
      });
      return {value: {...(current as IndicatorsConfig), overrides}, places, problems};
    }
  }]
});
