// A drafted route exported in seed 001's form and read back: the XLSX through exceljs and through
// the routes loader (a round trip), the DOCX unzipped with its text and tables checked.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import ExcelJS from "exceljs";
import type {Store} from "../../../store/database.ts";
import {teacherRouteDrafts, type RouteDraft} from "../../../reports/routeDraft.ts";
import {routeXlsx} from "../../../reports/exports/routeXlsx.ts";
import {routeDocx} from "../../../reports/exports/routeDocx.ts";
import {routeFileName} from "../../../reports/exports/routeForm.ts";
import {routesReport} from "../../../reports/routes.ts";
import {examineFile, ingestBytes} from "../../../loaders/ingest.ts";
import {unzip} from "../../helpers/unzip.ts";
import type {RoutesData} from "../../../loaders/routes/routeFile.ts";
import {AS_OF, B, regionStore} from "../routes/region.ts";
import {projectSettings} from "../../helpers/settings.ts";

const settings = projectSettings();

let store: Store, draft: RouteDraft;
beforeAll(async () => {
  store = await regionStore();
  draft = [...(await teacherRouteDrafts(store, settings, {start: "2025-09-01", names: true})).values()].find((d) => d.teacher?.name === "Волкова Ольга")!;
});
afterAll(async () => { await store.close(); });

const TITLE_1 = "«Формирование естественно-научной и математической функциональной грамотности обучающихся НОО»";

/** Every row of the first sheet as its cells' texts (merged followers empty). */
async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({includeEmpty: true}, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= 6; c++) {
      const cell = row.getCell(c);
      cells.push(cell.isMerged && cell.master.address !== cell.address ? "" : String(cell.text ?? "").trim());
    }
    rows[n - 1] = cells;
  });
  return rows;
}

describe("the route as XLSX", () => {
  it("has blocks 4 and 5 filled and the teacher's blocks empty with their labels", async () => {
    const rows = await sheetRows(await routeXlsx(draft));
    const find = (first: string) => rows.find((r) => r[0] === first);
    expect(rows.some((r) => r[0] === "Индивидуальный образовательный маршрут педагогического работника")).toBe(true);
    expect(find("Ф.И.О. педагогического работника")?.[1]).toBe("Волкова Ольга");
    expect(find("Образовательная организация")?.[1]).toBe(B);
    for (const label of ["Дата рождения", "Педагогический стаж", "Мобильный телефон"]) expect(find(label)?.slice(1).every((c) => c === "")).toBe(true);
    for (const block of ["БЛОК 1. ПЕРСОНАЛЬНЫЕ ДАННЫЕ", "БЛОК 2. ПРОФЕССИОНАЛЬНЫЕ ДОСТИЖЕНИЯ", "БЛОК 3. ПОВЫШЕНИЕ КВАЛИФИКАЦИИ за последние 3 года",
      "БЛОК 4. РЕЗУЛЬТАТЫ ДИАГНОСТИКИ УРОВНЯ СФОРМИРОВАННОСТИ ПРОФЕССИОНАЛЬНЫХ КОМПЕТЕНЦИЙ", "БЛОК 5. ДОРОЖНАЯ КАРТА ПО УСТРАНЕНИЮ ВЫЯВЛЕННЫХ ДЕФИЦИТОВ",
      "БЛОК 6. МЕТОДИЧЕСКИЙ АУДИТ"]) expect(find(block)).toBeDefined();
    expect(find("Уровень профессиональных дефицитов")?.[1]).toBe("высокий");
    expect(rows.filter((r) => /результат выполнения теста/.test(r[2] ?? "")).map((r) => r.slice(0, 3))).toEqual([
      ["Выявленные дефициты:", "методические", "60% (результат выполнения теста итоговой диагностики - 40%)"],
      ["", "цифровые (ИКТ)", "30% (результат выполнения теста итоговой диагностики - 70%)"]]);
    const dpoHeader = rows.findIndex((r) => r[1] === "Название программы");
    expect(rows[dpoHeader + 1]).toEqual(["1.", TITLE_1, "36", "методические, цифровые (ИКТ)", "01.10.2025 – 30.11.2025", ""]);
    expect(find("Начало: «01» сентября 2025 г.")).toBeDefined();
    expect(find("Дата следующей диагностики")?.[1]).toBe("май 2026");
    expect(routeFileName(draft, "xlsx")).toBe("ИОМ_Волкова_Ольга.xlsx");
  });

  it("reads back through the routes loader as Волкова's route, and once loaded she has a route", async () => {
    const bytes = await routeXlsx(draft);
    const e = await examineFile("ИОМ.xlsx", bytes);
    expect(e.ok && e.kind.name).toBe("routes");
    if (!e.ok) return;
    expect(e.parsed.issues).toEqual([]);
    const r = (e.parsed.data as RoutesData).routes;
    expect(r.map((x) => [x.fullName, x.school, x.municipality, x.start, x.end, x.developed])).toEqual([
      ["Волкова Ольга", B, "Тарский", "2025-09-01", "2026-05-31", "2025-09-01"]]);
    expect(r[0]!.activities.map((a) => [a.block, a.title, a.hours, a.areas, a.plannedStart, a.plannedEnd, a.mark.status])).toEqual([
      ["dpo", TITLE_1, 36, ["methodological", "digital"], "2025-10-01", "2025-11-30", "unmarked"]]);
    const before = await routesReport(store, settings, {asOf: AS_OF});
    expect((await ingestBytes(store, "ИОМ_Волкова.xlsx", bytes)).status).toBe("accepted");
    const after = await routesReport(store, settings, {asOf: AS_OF});
    expect(after.counts.withoutRoute).toBe(before.counts.withoutRoute - 1);
    expect(after.counts.routes).toBe(before.counts.routes + 1);
  });

  it("writes a title that looks like a formula as text", async () => {
    const hostile = {...draft, activities: [{...draft.activities[0]!, title: "=HYPERLINK(\"http://x\")"}]};
    const rows = await sheetRows(await routeXlsx(hostile));
    expect(rows.some((r) => r[1] === "'=HYPERLINK(\"http://x\")")).toBe(true);
  });
});

/** Paragraph texts and tables (rows of cell texts) of a DOCX's main part. */
async function docxContent(bytes: Buffer): Promise<{paragraphs: string[]; tables: string[][][]}> {
  const xml = unzip(bytes).get("word/document.xml")!.toString("utf8");
  const text = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join("")
    .replace(/&quot;/g, "\"").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)]
    .map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!))));
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  const paragraphs = [...body.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) => text(p[1]!)).filter((p) => p !== "");
  return {paragraphs, tables};
}

describe("the route as DOCX", () => {
  it("holds the seed's blocks as paragraphs and tables, blocks 4 and 5 filled", async () => {
    const {paragraphs, tables} = await docxContent(await routeDocx(draft));
    expect(paragraphs).toContain("Индивидуальный образовательный маршрут педагогического работника");
    for (const block of ["БЛОК 1. ПЕРСОНАЛЬНЫЕ ДАННЫЕ", "БЛОК 4. РЕЗУЛЬТАТЫ ДИАГНОСТИКИ УРОВНЯ СФОРМИРОВАННОСТИ ПРОФЕССИОНАЛЬНЫХ КОМПЕТЕНЦИЙ",
      "БЛОК 5. ДОРОЖНАЯ КАРТА ПО УСТРАНЕНИЮ ВЫЯВЛЕННЫХ ДЕФИЦИТОВ", "БЛОК 6. МЕТОДИЧЕСКИЙ АУДИТ", "Начало: «01» сентября 2025 г.",
      "Окончание: «31» мая 2026 г."]) expect(paragraphs).toContain(block);
    // identity, block 1, block 2, block 3, block 4 (goal+level), block 4 deficits, block 5 programmes, other forms, dates after.
    expect(tables).toHaveLength(9);
    expect(tables[0]).toEqual([["Ф.И.О. педагогического работника", "Волкова Ольга"], ["Должность", ""], ["Образовательная организация", B],
      ["Муниципалитет", "Тарский"]]);
    expect(tables[1]!.every((r) => r[1] === "")).toBe(true);
    expect(tables[5]).toEqual([["Выявленные дефициты:", "методические", "60% (результат выполнения теста итоговой диагностики - 40%)"],
      ["", "цифровые (ИКТ)", "30% (результат выполнения теста итоговой диагностики - 70%)"]]);
    expect(tables[6]!.slice(0, 2)).toEqual([["№ п/п", "Название программы", "Кол-во часов", "Перечень дефицитов, на устранение которых направлена программа ДПО",
      "Сроки прохождения", "Отметка о прохождении (дата, реквизиты подтверждающего документа, пр.)"],
    ["1.", TITLE_1, "36", "методические, цифровые (ИКТ)", "01.10.2025 – 30.11.2025", ""]]);
    expect(tables[8]).toEqual([["Дата следующей диагностики", "май 2026"], ["Дата разработки ИОМ", "01.09.2025"]]);
  });
});

describe("the catalogue as XLSX to edit", () => {
  it("writes the current catalogue with the headers the loader reads, and loads back to the same activities", async () => {
    const {catalogueXlsx, currentCatalogue} = await import("../../../reports/exports/catalogueXlsx.ts");
    const rows = await currentCatalogue(store);
    expect(rows).toHaveLength(6);
    const bytes = await catalogueXlsx(rows, settings.areas);
    const e = await examineFile("каталог-правка.xlsx", bytes);
    expect(e.ok && e.kind.name).toBe("route-catalogue");
    if (!e.ok) return;
    const items = (e.parsed.data as {items: Array<{title: string; kind: string; hours: number | null; areas: string[]; start: string | null; end: string | null}>}).items;
    expect(items.map((i) => [i.title, i.kind, i.hours, i.areas, i.start, i.end])).toEqual(rows.map((r) => [r.title, r.kind, r.hours, r.areas, r.start, r.end]));
    // The one activity without areas is said again, as in the original.
    expect(e.parsed.issues.map((i) => i.kind)).toEqual(["catalogue/no-areas"]);
  });
});

describe("the route on demand (the server's /exports/route.xlsx|docx?teacher=N)", () => {
  it("writes the teacher's route with their name, and nothing for an unknown teacher", async () => {
    const {routeExport} = await import("../../../reports/exports/routeExport.ts");
    const id = draft.teacher!.teacherId;
    const x = await routeExport(store, settings, String(id), "xlsx", {start: "2025-09-01"});
    expect(x?.fileName).toBe("ИОМ_Волкова_Ольга.xlsx");
    const e = await examineFile("x.xlsx", x!.bytes);
    expect(e.ok && (e.parsed.data as RoutesData).routes[0]!.fullName).toBe("Волкова Ольга");
    const d = await routeExport(store, settings, String(id), "docx");
    expect(d?.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    for (const bad of [null, "", "abc", "-1", "1e3", "999999"]) expect(await routeExport(store, settings, bad, "xlsx")).toBeNull();
  });
});
