// The indicators setting as XLSX with targets of every kind (issue 15 §4): exported and uploaded
// back unchanged; a table written before «Вид цели» existed still loads; bad kinds and values are
// refused in Russian at their A1 cells.
import ExcelJS from "exceljs";
import {describe, expect, it} from "vitest";
import {examineFile, ingestBytes} from "../../loaders/ingest.ts";
import {toIssue} from "../../loaders/messages/index.ts";
import {Store} from "../../store/database.ts";
import {loadSettings, readSettingsFiles} from "../../settings/load.ts";
import {settingsWorkbook} from "../../reports/exports/settingsXlsx.ts";
import {IndicatorsConfigSchema} from "../../lib/targetIndicators.ts";

const MASTER = {one: "мастер-класс", few: "мастер-класса", many: "мастер-классов"};

/** Every kind of target, as defaults and as overrides at every level. */
const EVERY_KIND = IndicatorsConfigSchema.parse({
  indicators: [
    {code: "publications", name: "Педагоги, имеющие публикации", target: 40, roster: {columns: ["публикации"]}},
    {code: "burnout", name: "Педагоги с признаками выгорания", source: "table", target: {type: "share_at_most", percent: 12.5}},
    {code: "master_classes", name: "Проведено мастер-классов", measure: "count", source: "table", unit: MASTER,
      target: {type: "count_at_least", count: 5}},
    {code: "complaints", name: "Жалобы родителей", measure: "count", source: "table", target: {type: "count_at_most", count: 2}},
    {code: "forums", name: "Педагоги на конференциях", source: "table", target: {type: "growth_points", points: 2}},
    {code: "mentors", name: "Число наставников", measure: "count", source: "table", target: {type: "growth_relative", percent: 10}},
    {code: "turnover", name: "Текучесть педагогических кадров", source: "turnover", target: {type: "decline_points", points: 0}},
    {code: "vacancies", name: "Вакансии", measure: "count", source: "table", target: {type: "decline_relative", percent: 20}}
  ],
  overrides: [
    {code: "master_classes", level: "region", year: 2025, target: {type: "count_at_least", count: 120}},
    {code: "master_classes", level: "municipality", municipality: "Тарский", target: {type: "count_at_least", count: 30}},
    {code: "master_classes", school: "МБОУ \"Тарская СОШ № 1\"", year: 2025, target: {type: "count_at_least", count: 8}},
    {code: "turnover", municipality: "Омский", target: {type: "decline_points", points: 1.5}},
    {code: "publications", school: "МБОУ \"Тарская СОШ № 1\"", target: {type: "share_at_least", percent: 45}},
    {code: "burnout", year: 2026, target: {type: "share_at_most", percent: 10}}
  ]
});

function loadedWith(indicators: unknown) {
  const files = readSettingsFiles();
  return {...files, settings: {...files.settings, indicators: indicators as typeof files.settings.indicators}};
}

async function workbook(indicators: unknown): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await settingsWorkbook(loadedWith(indicators)) as unknown as ArrayBuffer);
  return wb;
}

/** The A1 address of a header's column in a data row (the header is on row 2). */
function cellOf(ws: ExcelJS.Worksheet, header: string, row: number): string {
  let column = 0;
  ws.getRow(2).eachCell((c, i) => { if (c.value === header) column = i; });
  if (!column) throw new Error(`no column «${header}»`);
  return ws.getCell(row, column).address;
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("targets of every kind in the settings XLSX", () => {
  it("exports each kind as readable words and reads the workbook back as the same setting", async () => {
    const wb = await workbook(EVERY_KIND);
    const ws = wb.getWorksheet("Целевые показатели")!;
    const read = (header: string) => EVERY_KIND.indicators.map((_, i) => ws.getCell(cellOf(ws, header, 3 + i)).value);
    expect(read("Вид цели")).toEqual(["не менее", "не более", "не менее", "не более", "рост на п. п.", "рост на %", "снижение на п. п.", "снижение на %"]);
    expect(read("Цель")).toEqual([40, 12.5, 5, 2, 2, 10, 0, 20]);
    expect(read("Что считаем")).toEqual(["доля, %", "доля, %", "количество", "количество", "доля, %", "количество", "доля, %", "количество"]);
    expect(ws.getCell(cellOf(ws, "Единица счёта (1; 2; 5)", 5)).value).toBe("мастер-класс; мастер-класса; мастер-классов");
    const ov = wb.getWorksheet("Цели по школам")!;
    expect([1, 2, 3].map((i) => ov.getCell(cellOf(ov, "Уровень", 2 + i)).value)).toEqual(["регион", "муниципалитет", null]);

    // Uploaded against other current settings (the project's), the workbook is a new version equal to EVERY_KIND.
    const r = await examineFile("настройки.xlsx", await bytes(wb));
    if (!r.ok) throw new Error("rejected");
    const errors = r.parsed.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => toIssue(i).message)).toEqual([]);
    const versions = (r.parsed.data as {versions: Array<{setting: string; value: unknown}>}).versions;
    expect(versions.find((v) => v.setting === "indicators")!.value).toEqual(EVERY_KIND);
    // Against itself: unchanged.
    const same = await examineFile("настройки.xlsx", await bytes(wb), {settings: loadedWith(EVERY_KIND).settings});
    if (!same.ok) throw new Error("rejected");
    expect((same.parsed.data as {versions: unknown[]}).versions).toEqual([]);
  });

  it("a table written before «Вид цели» (a «Цель, %» column only) still loads: its numbers are «не менее n %»", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Цели 2024");
    ws.addRow(["Целевые показатели"]);
    ws.addRow(["Код", "Показатель", "Цель, %", "Откуда факт", "Кого считать", "Столбцы отбора (через ;)", "Значения отбора (через ;)",
      "Столбцы списка (через ;)", "Значения «да» (через ;)", "Значения «нет» (через ;)", "Другие названия (через ;)", "Основание"]);
    ws.addRow(["publications", "Педагоги, имеющие публикации", "45 %", "кадровый список", "все педагоги", null, null, "публикации"]);
    const r = await examineFile("цели.xlsx", await bytes(wb));
    if (!r.ok) throw new Error(JSON.stringify(r.issues.map(toIssue)));
    const v = (r.parsed.data as {versions: Array<{setting: string; value: {indicators: unknown[]}}>}).versions;
    expect(v.map((x) => x.setting)).toEqual(["indicators"]);
    expect(v[0]!.value.indicators).toEqual([{code: "publications", name: "Педагоги, имеющие публикации", target: {type: "share_at_least", percent: 45},
      measure: "share", aliases: [], population: "all", source: "roster", roster: {columns: ["публикации"]}}]);
  });

  it("refuses an unknown kind, a share above 100 %, a fractional count and a kind that does not fit the measure, each at its cell", async () => {
    const wb = await workbook(EVERY_KIND);
    const ws = wb.getWorksheet("Целевые показатели")!;
    const ov = wb.getWorksheet("Цели по школам")!;
    const kindA = cellOf(ws, "Вид цели", 3), valueB = cellOf(ws, "Цель", 4), valueC = cellOf(ws, "Цель", 5);
    const levelO = cellOf(ov, "Уровень", 3);
    ws.getCell(kindA).value = "как можно больше";   // not a kind
    ws.getCell(valueB).value = 140;                  // «не более 140 %»
    ws.getCell(valueC).value = 4.5;                  // 4,5 master classes
    ov.getCell(levelO).value = "страна";             // not a level
    const store = await Store.open(":memory:");
    const o = await ingestBytes(store, "настройки.xlsx", await bytes(wb));
    expect(o.status).toBe("rejected");
    const at = (cell: string) => o.issues.find((i) => i.cell === cell && i.kind !== "settings/new-version");
    expect(at(kindA)).toMatchObject({sheet: "Целевые показатели", kind: "settings/unknown-word"});
    expect(at(kindA)!.message).toBe("«Вид цели»: «как можно больше» — не из списка; допустимо: «не менее», «не более», «рост на п. п.», «рост на %», " +
      "«снижение на п. п.», «снижение на %». Настройка «Целевые показатели» не принята: исправьте и загрузите файл снова.");
    expect(at(valueB)).toMatchObject({kind: "settings/invalid"});
    expect(at(valueB)!.message).toMatch(/^«Цель»: процент — от 0 до 100\. /);
    expect(at(valueC)).toMatchObject({kind: "settings/invalid"});
    expect(at(valueC)!.message).toMatch(/^«Цель»: количество — целое число\. /);
    expect(o.issues.find((i) => i.sheet === "Цели по школам" && i.cell === levelO)).toMatchObject({kind: "settings/unknown-word"});
    // One problem, one issue: the unknown kind is not reported again as a missing target.
    expect(o.issues.filter((i) => i.sheet === "Целевые показатели" && i.row === 3).length).toBe(1);

    // A kind that does not fit the measure: points on a count.
    const wb2 = await workbook(EVERY_KIND);
    const ws2 = wb2.getWorksheet("Целевые показатели")!;
    ws2.getCell(cellOf(ws2, "Вид цели", 5)).value = "рост на п.п.";
    const o2 = await ingestBytes(store, "настройки.xlsx", await bytes(wb2));
    expect(o2.status).toBe("rejected");
    expect(o2.issues.find((i) => i.cell === cellOf(ws2, "Цель", 5))!.message)
      .toBe("«Цель»: цель «рост не менее чем на 5\u00a0п.\u00a0п.» не подходит для количества. Настройка «Целевые показатели» не принята: исправьте и загрузите файл снова.");
    // Nothing stored: the project's file still holds.
    expect((await loadSettings(store)).settings.indicators.indicators.map((d) => d.code)).toContain("higher_education");
    await store.close();
  });
});
