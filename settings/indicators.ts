// «Целевые показатели»: the indicators of the annual report with their default targets, how each is
// computed, and targets for one municipality, school or school year (lib/targetIndicators.ts).
// File data/config/indicators.json.
import {IndicatorsConfigSchema, type IndicatorDef, type IndicatorsConfig, type RosterRule} from "../lib/targetIndicators.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import {parsePeriod, periodId, schoolYear} from "../lib/period.ts";
import {defineSetting, joinList, listCell, numberCell, textCell, type Applied, type Place, type TableProblem, type TableValue} from "./definition.ts";

const SOURCES = {roster: "кадровый список", retention: "закрепление молодых специалистов", table: "таблица показателей школы"} as const;
const POPULATIONS = {all: "все педагоги", young: "молодые специалисты", column: "по столбцу списка"} as const;

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
    help: "Факт — доля педагогов, %. «Откуда факт»: кадровый список, закрепление молодых специалистов или таблица показателей школы. " +
      "Списки — через «;».",
    columns: [
      {key: "code", header: "Код", width: 22},
      {key: "name", header: "Показатель", width: 50},
      {key: "target", header: "Цель, %", width: 10, numeric: true},
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
      code: d.code, name: d.name, target: d.target, source: SOURCES[d.source],
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
        for (const k of ["code", "name", "target", "source", "aliases", "reference"]) places.set(`indicators.${i}.${k}`, at(k));
        places.set(`indicators.${i}.roster`, at("rosterColumns"));
        places.set(`indicators.${i}.population`, at("population"));
        const source = word(r.cells.source ?? null, SOURCES) ?? "roster";
        if (source === "?") problems.push({place: at("source"), kind: "settings/unknown-word", value: r.cells.source ?? null, expected: Object.values(SOURCES).join(", ")});
        const pop = word(r.cells.population ?? null, POPULATIONS) ?? "all";
        if (pop === "?") problems.push({place: at("population"), kind: "settings/unknown-word", value: r.cells.population ?? null, expected: Object.values(POPULATIONS).join(", ")});
        const rosterColumns = listCell(r.cells.rosterColumns ?? null);
        return {
          code: textCell(r.cells.code) ?? "", name: textCell(r.cells.name) ?? "", target: numberCell(r.cells.target ?? null) ?? undefined,
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
    help: "Заполните код показателя, цель и то, к чему она относится: муниципалитет, школу и/или учебный год (2024/25). Пустая ячейка — «для всех».",
    columns: [
      {key: "code", header: "Код показателя", width: 22},
      {key: "municipality", header: "Муниципалитет", width: 22},
      {key: "school", header: "Школа", width: 34},
      {key: "year", header: "Учебный год", width: 14},
      {key: "target", header: "Цель, %", width: 10, numeric: true}
    ],
    toRows: (v) => v.overrides.map((o) => ({code: o.code, municipality: o.municipality ?? null, school: o.school ?? null,
      year: o.year === undefined ? null : periodId(schoolYear(o.year)), target: o.target})),
    apply(current, rows, sheet): Applied {
      const places = new Map<string, Place>(), problems: TableProblem[] = [];
      const overrides = rows.map((r, i) => {
        const at = (column: string) => ({sheet, row: r.row, column});
        for (const k of ["code", "municipality", "school", "year", "target"]) places.set(`overrides.${i}.${k}`, at(k));
        places.set(`overrides.${i}`, {sheet, row: r.row, column: null});
        let year: number | undefined;
        const y = textCell(r.cells.year ?? null);
        if (y !== null) {
          const p = parsePeriod(y, ["school-year"]);
          if (p.ok) year = p.period.year;
          else problems.push({place: at("year"), kind: "settings/unknown-word", value: r.cells.year ?? null, expected: "учебный год, например 2024/25"});
        }
        return {code: textCell(r.cells.code) ?? "", ...(textCell(r.cells.municipality ?? null) ? {municipality: textCell(r.cells.municipality ?? null)!} : {}),
          ...(textCell(r.cells.school ?? null) ? {school: textCell(r.cells.school ?? null)!} : {}), ...(year !== undefined ? {year} : {}),
          target: numberCell(r.cells.target ?? null) ?? undefined};
      });
      return {value: {...(current as IndicatorsConfig), overrides}, places, problems};
    }
  }]
});
