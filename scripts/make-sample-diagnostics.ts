// Sample entry («входная») and exit («итоговая») diagnostics of the sample region's teachers
// (issue 4 §4): 3 municipalities, 12 schools, 150 teachers; real improvement in the methodological,
// psychological-pedagogical and digital areas, a small one in the subject area and none in the
// communicative one; some teachers with one wave only, a pair of namesakes, and cells written the
// ways curators write them (52 %, «52,5», percent cells, the route form «48% (результат … - 52%)»,
// a deficit column, blanks and dashes, one impossible 105).
// Deterministic: a seeded PRNG (mulberry32), no Math.random.
//
//   npx tsx scripts/make-sample-diagnostics.ts [outDir]     (default data/sample/diagnostics)
import {mkdirSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import ExcelJS from "exceljs";
import {stableWorkbookBuffer} from "./writeStableWorkbook.ts";
import {prng} from "./prng.ts";

const FIXED_DATE = new Date(Date.UTC(2026, 4, 20, 9, 0, 0));
const rand = prng(20261124);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** Approximately normal (sum of uniforms), mean m, sd s. */
const normal = (m: number, s: number) => m + s * ((rand() + rand() + rand() + rand() + rand() + rand()) - 3) / Math.sqrt(0.5);
const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

const S = "Саргатский", T = "Тарский", O = "Омский";
const SCHOOLS: Array<{municipality: string; name: string; teachers: number}> = [
  {municipality: S, name: "МБОУ \"Саргатская СОШ № 1\"", teachers: 18},
  {municipality: S, name: "МБОУ «Саргатская гимназия»", teachers: 16},
  {municipality: S, name: "МКОУ \"Баженовская СОШ\"", teachers: 9},
  {municipality: S, name: "МКОУ \"Хохловская СОШ\"", teachers: 8},
  {municipality: T, name: "МБОУ \"Тарская СОШ № 3\"", teachers: 17},
  {municipality: T, name: "МКОУ «Тарская гимназия»", teachers: 15},
  {municipality: T, name: "МБОУ \"Тарская СОШ № 1\"", teachers: 12},
  {municipality: T, name: "МКОУ \"Атирская СОШ\"", teachers: 8},
  {municipality: O, name: "БОУ \"Омская СОШ № 12\"", teachers: 16},
  {municipality: O, name: "МБОУ \"Ачаирская СОШ\"", teachers: 11},
  {municipality: O, name: "МБОУ \"Морозовская СОШ\"", teachers: 10},
  {municipality: O, name: "МБОУ \"Троицкая СОШ\"", teachers: 10}
];

const MALE = {surnames: ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
  "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов"],
  names: ["Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Николай", "Евгений", "Игорь", "Олег", "Павел"],
  patronymics: ["Александрович", "Сергеевич", "Викторович", "Николаевич", "Иванович", "Петрович", "Юрьевич", "Владимирович"]};
const FEMALE = {surnames: MALE.surnames.map((s) => s + "а"),
  names: ["Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина", "Юлия", "Екатерина", "Галина", "Людмила"],
  patronymics: ["Александровна", "Сергеевна", "Викторовна", "Николаевна", "Ивановна", "Петровна", "Юрьевна", "Владимировна"]};
const POSITIONS = ["учитель", "учитель", "учитель", "педагог-психолог", "педагог дополнительного образования", "учитель-логопед"];
const SUBJECTS = ["математика", "русский язык и литература", "история", "биология", "физика", "английский язык", "начальные классы",
  "информатика", "химия", "география", "физическая культура"];

const AREAS = ["methodological", "subject", "psych_pedagogical", "communicative", "digital"] as const;
type Area = typeof AREAS[number];
/** Mean entry result and mean change (percentage points) per area: the story the sample tells. */
const PLAN: Record<Area, {entry: number; change: number; sd: number}> = {
  methodological: {entry: 52, change: 11, sd: 7},
  subject: {entry: 60, change: 3, sd: 8},
  psych_pedagogical: {entry: 64, change: 8, sd: 7},
  communicative: {entry: 72, change: 0.5, sd: 6},
  digital: {entry: 55, change: 12, sd: 9}
};

interface Teacher {
  municipality: string; school: string; id: string; name: string; position: string; subject: string; years: number;
  entry: Record<Area, number> | null; exit: Record<Area, number> | null;
}

function makeTeachers(): Teacher[] {
  const out: Teacher[] = [];
  const used = new Set<string>();
  let seq = 0;
  for (const s of SCHOOLS) {
    for (let i = 0; i < s.teachers; i++) {
      const female = rand() < 0.8;
      const set = female ? FEMALE : MALE;
      let name = "";
      do name = `${pick(set.surnames)} ${pick(set.names)} ${pick(set.patronymics)}`; while (used.has(name));
      used.add(name);
      const ability = normal(0, 8);
      const entry = Object.fromEntries(AREAS.map((a) => [a, clamp(PLAN[a].entry + ability + normal(0, 9))])) as Record<Area, number>;
      const exit = Object.fromEntries(AREAS.map((a) => {
        // The change shrinks near 100: there is less deficit left to remove.
        const room = (100 - entry[a]) / (100 - PLAN[a].entry);
        return [a, clamp(entry[a] + PLAN[a].change * room + normal(0, PLAN[a].sd))];
      })) as Record<Area, number>;
      const r = rand();
      seq++;
      out.push({municipality: s.municipality, school: s.name, id: `ПД-${String(seq).padStart(4, "0")}`, name,
        position: pick(POSITIONS), subject: pick(SUBJECTS), years: Math.floor(rand() * 30),
        // ~6 % left before the exit diagnostic, ~4 % joined after the entry one.
        entry: r < 0.04 ? null : entry, exit: r > 0.94 ? null : exit});
    }
  }
  // Namesakes in one school, with no ID to tell them apart: the loader must not merge them.
  const first = out[3]!, twin = out[4]!;
  twin.name = first.name;
  return out;
}

type Style = "plain" | "percentText" | "decimalComma" | "percentCell" | "routeForm" | "deficit";

function writeValue(cell: ExcelJS.Cell, result: number, style: Style, wave: "entry" | "exit") {
  switch (style) {
    case "plain": cell.value = result; break;
    case "percentText": cell.value = `${result}%`; break;
    case "decimalComma": cell.value = `${result},0`; break;
    case "percentCell": cell.value = result / 100; cell.numFmt = "0%"; break;
    case "deficit": cell.value = 100 - result; break;
    case "routeForm":
      cell.value = `${100 - result}% (результат выполнения теста ${wave === "entry" ? "входной" : "итоговой"} диагностики - ${result}%)`;
      break;
  }
}

const LABELS: Record<Area, string> = {methodological: "Методические", subject: "Предметные",
  psych_pedagogical: "Психолого-педагогические", communicative: "Коммуникативные", digital: "Цифровые (ИКТ)"};

/** One sheet in the curators' usual layout: a title line, a header, school cells merged over their block. */
function addSheet(wb: ExcelJS.Workbook, sheetName: string, title: string | null, teachers: Teacher[], wave: "entry" | "exit",
  options: {styles: Style[]; deficitHeader?: boolean; idColumn?: boolean; waveColumn?: boolean; mergeSchools?: boolean}) {
  const ws = wb.addWorksheet(sheetName);
  let r = 1;
  if (title) { ws.getCell(r, 1).value = title; ws.getCell(r, 1).font = {bold: true}; r += 2; }
  const head = [...(options.idColumn ? ["ID"] : []), "ФИО педагога", "Должность", "Предмет", "Стаж, лет", "ОО", "Муниципалитет",
    ...(options.waveColumn ? ["Этап"] : [])];
  const areaHead = AREAS.map((a) => options.deficitHeader ? `${LABELS[a]}` : `${LABELS[a]} компетенции, %`);
  if (options.deficitHeader) {
    // Two-level header: «Дефицит, %» merged over the areas, the other headers merged down.
    head.forEach((h, i) => { ws.getCell(r, i + 1).value = h; ws.mergeCells(r, i + 1, r + 1, i + 1); });
    ws.getCell(r, head.length + 1).value = "Дефицит по областям компетенций, %";
    ws.mergeCells(r, head.length + 1, r, head.length + AREAS.length);
    areaHead.forEach((h, i) => { ws.getCell(r + 1, head.length + 1 + i).value = h; });
    r += 2;
  } else {
    [...head, ...areaHead].forEach((h, i) => { ws.getCell(r, i + 1).value = h; });
    r += 1;
  }
  const schoolCol = head.indexOf("ОО") + 1, municipalityCol = head.indexOf("Муниципалитет") + 1;
  let blockStart = r, blockSchool = "";
  const closeBlock = (end: number) => {
    if (options.mergeSchools && end > blockStart) ws.mergeCells(blockStart, schoolCol, end, schoolCol);
  };
  teachers.forEach((t, k) => {
    const values = wave === "entry" ? t.entry! : t.exit!;
    if (t.school !== blockSchool) { closeBlock(r - 1); blockStart = r; blockSchool = t.school; }
    const row: Array<string | number | null> = [...(options.idColumn ? [t.id] : []), t.name, t.position, t.subject, t.years,
      options.mergeSchools && r !== blockStart ? null : t.school, t.municipality,
      ...(options.waveColumn ? [wave === "entry" ? pick(["входная", "Входная", "начальная"]) : pick(["итоговая", "Итоговая"])] : [])];
    row.forEach((v, i) => { if (v !== null) ws.getCell(r, i + 1).value = v; });
    AREAS.forEach((a, i) => {
      const cell = ws.getCell(r, head.length + 1 + i);
      const x = rand();
      if (x < 0.015) return;                                   // not measured: blank
      if (x < 0.025) { cell.value = "—"; return; }             // not measured: dash
      const style = options.deficitHeader ? "deficit" : options.styles[(k + i) % options.styles.length]!;
      writeValue(cell, values[a], style, wave);
    });
    r++;
  });
  closeBlock(r - 1);
  ws.columns.forEach((c) => { c.width = 18; });
  return ws;
}

async function main() {
  const outDir = resolve(process.argv[2] ?? "data/sample/diagnostics");
  rmSync(outDir, {recursive: true, force: true});
  mkdirSync(outDir, {recursive: true});
  const teachers = makeTeachers();
  const of = (m: string, wave: "entry" | "exit") => teachers.filter((t) => t.municipality === m && (wave === "entry" ? t.entry : t.exit));
  const written: string[] = [];
  const save = async (wb: ExcelJS.Workbook, file: string) => {
    writeFileSync(join(outDir, file), await stableWorkbookBuffer(wb, FIXED_DATE));
    written.push(file);
  };

  // Саргатский: two files, the entry one with an ID column and every way of writing a percent.
  let wb = new ExcelJS.Workbook();
  const sEntry = addSheet(wb, "Лист1", "Результаты входной диагностики профессиональных дефицитов педагогов, апрель 2025 г.",
    of(S, "entry"), "entry", {styles: ["plain", "percentText", "decimalComma", "percentCell", "routeForm"], idColumn: true, mergeSchools: true});
  sEntry.getCell(7, 8).value = 105;                            // an impossible value: an issue with its cell
  await save(wb, "Саргатский_входная_диагностика_2025.xlsx");
  wb = new ExcelJS.Workbook();
  addSheet(wb, "Итоговая диагностика", "Результаты итоговой диагностики профессиональных дефицитов педагогов, май 2026 г.", of(S, "exit"), "exit",
    {styles: ["plain", "percentText", "percentCell"], idColumn: true});
  await save(wb, "Саргатский_итоговая_диагностика_2026.xlsx");

  // Тарский: one file, two sheets, a two-level header of deficits.
  wb = new ExcelJS.Workbook();
  addSheet(wb, "Входная", "Диагностика профессиональных дефицитов педагогов Тарского муниципального района", of(T, "entry"), "entry",
    {styles: ["deficit"], deficitHeader: true});
  addSheet(wb, "Итоговая", "Диагностика профессиональных дефицитов педагогов Тарского муниципального района", of(T, "exit"), "exit",
    {styles: ["deficit"], deficitHeader: true});
  await save(wb, "Тарский_диагностика_2025-2026.xlsx");

  // Омский: one sheet, the wave in a column «Этап», percent cells and the route form.
  const both = new ExcelJS.Workbook();
  const tmp = addSheet(both, "Диагностика", "Диагностика педагогов Омского района, 2025–2026 уч. г.", [], "entry",
    {styles: ["percentCell"], waveColumn: true});
  // Entry rows, then exit rows, under one header.
  const rowsOf = (wave: "entry" | "exit") => {
    const scratch = new ExcelJS.Workbook();
    const ws = addSheet(scratch, "x", null, of(O, wave), wave, {styles: ["percentCell", "routeForm", "plain"], waveColumn: true});
    const out: Array<{values: ExcelJS.CellValue[]; numFmts: Array<string | undefined>}> = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: ExcelJS.CellValue[] = [], numFmts: Array<string | undefined> = [];
      for (let c = 1; c <= 13; c++) { values.push(row.getCell(c).value); numFmts.push(row.getCell(c).numFmt); }
      out.push({values, numFmts});
    }
    return out;
  };
  let r = tmp.rowCount + 1;
  for (const wave of ["entry", "exit"] as const) {
    for (const {values, numFmts} of rowsOf(wave)) {
      values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        const cell = tmp.getCell(r, i + 1);
        cell.value = v;
        if (numFmts[i]) cell.numFmt = numFmts[i]!;
      });
      r++;
    }
  }
  await save(both, "Омский_диагностика_2025-2026.xlsx");
  process.stderr.write(`${written.length} files, ${teachers.length} teachers → ${outDir}\n`);
}

await main();
