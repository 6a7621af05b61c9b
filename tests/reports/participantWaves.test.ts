// «Что говорят участники: до и после» end to end: two hand-made questionnaire exports (entry and
// exit) loaded through the loader into a temporary database file, out of the report, the annual
// report's section, the CLI, the DOCX (read back) and the XLSX (read back with exceljs).
// The answers are those of tests/fixtures/scipy/participants_reference.py («fixture»):
//   school 1 (Первомайский район), codes У-1 … У-8 in both waves, plus one anonymous respondent a wave;
//   school 2 (Второй район), anonymous only: 6 at entry, 7 at exit.
// By hand, the wish to become a mentor of school 1's 8 matched: да→да 3 (У-1…У-3), да→нет 1 (У-4),
// нет/затрудняюсь→да 3 (У-5…У-7), нет→нет 1 (У-8): 4/8 → 6/8, b = 1, c = 3,
// McNemar p = 2·P(X ≤ 1), X ~ Bin(4, ½) = 2·(1 + 4)/16 = 0,625. School 2: 1/6 → 5/7 as independent samples,
// expected counts below 5 → Fisher's exact test, p = (7 + 126 + 42 + 1)/1716 = 0,1025641.
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import ExcelJS from "exceljs";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store, all} from "../../store/database.ts";
import {participantWavesReport, type RatingWaveQuestion, type YesNoWaveQuestion} from "../../reports/participantWaves.ts";
import {swotReport} from "../../reports/swot.ts";
import {annualReport, type AnnualReport} from "../../reports/exports/annualReport.ts";
import {annualDocx, DOCX_HEADINGS} from "../../reports/exports/annualDocx.ts";
import {annualWorkbook} from "../../reports/exports/annualXlsx.ts";
import {annualHtml} from "../../reports/exports/annualHtml.ts";
import {participantLine, participantRow, PARTICIPANTS_HEADER} from "../../reports/exports/annualParticipants.ts";
import {participantsText} from "../../bin/commands/reports/participants.ts";
import {periodFromId} from "../../lib/period.ts";
import {D, xlsx, type Rows} from "../loaders/effectiveness/helpers.ts";
import {projectSettings} from "../helpers/settings.ts";
import {docxContent} from "../helpers/docx.ts";

const ref = JSON.parse(readFileSync(new URL("../fixtures/scipy/participants_reference.json", import.meta.url), "utf8"));
const S = "\u00a0";
const SAT = "Оцените удовлетворённость участием в программе наставничества (от 1 до 5)";
const WISH = "Хотели бы вы стать наставником?";
const QUALITY = "Оцените качество мероприятий (от 1 до 5)";
const HEAD = ["Отметка времени", "Код участника", "Ваша роль в программе", "Муниципальный район", "Образовательная организация", SAT, WISH];
const S1 = ["Первомайский", "МБОУ «Первомайская СОШ»"], S2 = ["Второй район", "МБОУ «Вторая СОШ»"];
const ROLE = (i: number) => (i % 2 ? "наставляемый" : "наставник");

// School 1: У-1 … У-8 (spellings of yes and no vary as people write them).
const wishEntry1 = ["Да", "да", "Да", "Да", "Нет", "нет", "Затрудняюсь ответить", "Нет"];
const wishExit1 = ["Да", "Да", "Скорее да", "Нет", "Да", "Да", "Да", "Нет"];
const satEntry1 = [3, 2, 4, 3, 2, 3, 4, 1], satExit1 = [4, 4, 4, 5, 3, 3, 5, 3];
const wishEntry2 = ["Да", "Нет", "Нет", "Нет", "Затрудняюсь ответить", "Нет"], satEntry2 = [2, 3, 3, 2, 4, 3];
const wishExit2 = ["Да", "Да", "Да", "Да", "Нет", "Да", "Затрудняюсь ответить"], satExit2 = [4, 3, 5, 4, 4, 3, 5];

function wave(start: Date, extra: (i: number) => Array<string | number>, wish1: string[], sat1: number[], anon1: [number, string],
  wish2: string[], sat2: number[]): Rows {
  const at = (i: number) => new Date(start.getTime() + i * 3600_000);
  const rows: Rows = [];
  wish1.forEach((w, i) => rows.push([at(i), `У-${i + 1}`, ROLE(i), ...S1, sat1[i]!, w, ...extra(i)]));
  rows.push([at(8), null, "наставляемый", ...S1, anon1[0], anon1[1], ...extra(8)]);
  wish2.forEach((w, i) => rows.push([at(10 + i), null, ROLE(i), ...S2, sat2[i]!, w, ...extra(10 + i)]));
  return rows;
}

const entryRows: Rows = [HEAD, ...wave(D(2024, 9, 16), () => [], wishEntry1, satEntry1, [2, "Нет"], wishEntry2, satEntry2)];
// The exit questionnaire also asks a rating and an open question the entry one did not: neither is compared.
const exitRows: Rows = [[...HEAD, QUALITY, "Сильные стороны программы"],
  ...wave(D(2025, 5, 12), (i) => [1 + (i % 5), "обмен опытом"], wishExit1, satExit1, [4, "Да"], wishExit2, satExit2)];

let dir: string, store: Store;
let school1: {id: number; municipality: number}, school2: {id: number; municipality: number};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-participants-"));
  store = await Store.open(join(dir, "test.duckdb"));
  await ingestBytes(store, "анкета входная.xlsx", await xlsx("Входное анкетирование", entryRows));
  await ingestBytes(store, "анкета итоговая.xlsx", await xlsx("Итоговое анкетирование", exitRows));
  const ids = await store.read((c) => all<{name: string; id: number; municipality: number}>(c,
    "SELECT DISTINCT written_name AS name, directory_school_id AS id, municipality_id AS municipality FROM school_directory"));
  school1 = ids.find((s) => s.name.includes("Первомайская"))!;
  school2 = ids.find((s) => s.name.includes("Вторая"))!;
}, 120_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, {recursive: true, force: true});
});

const close = (a: number | null | undefined, b: number) => {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b)).toBeLessThan(1e-9);
};
const find = <T>(qs: unknown[], text: string) => (qs as Array<{question: string}>).find((q) => q.question === text) as T;

describe("participantWavesReport over the hand-made questionnaires", () => {
  it("finds the questions asked in both waves only, with respondents per wave and matched by code", async () => {
    const r = await participantWavesReport(store, projectSettings());
    expect(r.questions.map((q) => [q.question, q.kind])).toEqual([[SAT, "rating"], [WISH, "yes-no"]]);
    expect(r.respondents).toEqual({entry: 15, exit: 16, matched: 8});
    const wish = find<YesNoWaveQuestion>(r.questions, WISH);
    expect([wish.nEntry, wish.nExit, wish.matched, wish.small]).toEqual([15, 16, 8, false]);
    // Entry: school 1 да 4, нет 3 (+ the anonymous «Нет»), затрудняюсь 1; school 2 да 1, нет 4, затрудняюсь 1.
    expect(wish.entryAnswers).toEqual({yes: 5, no: 8, unsure: 2});
    expect(wish.exitAnswers).toEqual({yes: 12, no: 3, unsure: 1});
  });

  it("yes/no, region: the 8 matched respondents, McNemar's exact p = 0,625 worked by hand (= scipy), Wilson intervals as scipy", async () => {
    const r = await participantWavesReport(store, projectSettings());
    const c = find<YesNoWaveQuestion>(r.questions, WISH).comparison;
    const f = ref.fixture.wishSchool1;
    expect(c).toMatchObject({type: "paired", matched: 8, before: {yes: 4, n: 8, share: 0.5}, after: {yes: 6, n: 8, share: 0.75},
      discordant: {yesToNo: 1, noToYes: 3}, test: {test: "mcnemar-exact", label: "точный критерий Макнемара"}});
    close(c.test.p, 0.625);
    close(c.test.p, f.p);
    for (const i of [0, 1]) { close(c.before.ci95![i], f.wilsonBefore[i]); close(c.after.ci95![i], f.wilsonAfter[i]); }
  });

  it("rating, region: the paired comparison of the 8 matched (Wilcoxon, as scipy)", async () => {
    const r = await participantWavesReport(store, projectSettings());
    const q = find<RatingWaveQuestion>(r.questions, SAT);
    const f = ref.fixture.satSchool1;
    expect([q.nEntry, q.nExit, q.matched, q.scale]).toEqual([15, 16, 8, {min: 1, max: 5}]);
    if (q.comparison.type !== "paired") throw new Error("paired expected");
    // (3 + 2 + 4 + 3 + 2 + 3 + 4 + 1)/8 = 2,75 → (4 + 4 + 4 + 5 + 3 + 3 + 5 + 3)/8 = 3,875.
    expect([q.comparison.result.meanBefore, q.comparison.result.meanAfter]).toEqual([2.75, 3.875]);
    expect(q.comparison.result.test.label).toBe("критерий Уилкоксона");
    close(q.comparison.result.test.p, f.p);
    // The SWOT report's before/after of the same question is the same computation, the same figure.
    const swot = await swotReport(store, projectSettings());
    expect(swot.ratings.find((x) => x.question === SAT)!.prepost).toEqual(q.comparison);
  });

  it("school 2 (anonymous): independent samples — Fisher's exact test p = 176/1716 by hand (= scipy), Mann–Whitney as scipy", async () => {
    const r = await participantWavesReport(store, projectSettings(), {scope: {level: "school", id: school2.id}});
    expect(r.respondents).toEqual({entry: 6, exit: 7, matched: 0});
    const wish = find<YesNoWaveQuestion>(r.questions, WISH).comparison;
    expect(wish).toMatchObject({type: "unpaired", matched: 0, before: {yes: 1, n: 6}, after: {yes: 5, n: 7},
      test: {test: "fisher", label: "точный критерий Фишера"}});
    close(wish.test.p, 176 / 1716);
    close(wish.test.p, ref.fixture.wishSchool2.p);
    const sat = find<RatingWaveQuestion>(r.questions, SAT).comparison;
    if (sat.type !== "unpaired") throw new Error("unpaired expected");
    expect(sat.result.test.label).toBe("U-критерий Манна — Уитни");
    close(sat.result.test.p, ref.fixture.satSchool2.p);
  });

  it("filters by municipality and school in SQL, through the directory", async () => {
    const m1 = await participantWavesReport(store, projectSettings(), {scope: {level: "municipality", id: school1.municipality}});
    expect(m1.respondents).toEqual({entry: 9, exit: 9, matched: 8});
    const s1 = await participantWavesReport(store, projectSettings(), {scope: {level: "school", id: school1.id}});
    expect(find<YesNoWaveQuestion>(s1.questions, WISH).comparison.test.p).toBe(find<YesNoWaveQuestion>(m1.questions, WISH).comparison.test.p);
    const none = await participantWavesReport(store, projectSettings(), {scope: {level: "school", id: 999_999}});
    expect(none.respondents).toEqual({entry: 0, exit: 0, matched: 0});
    expect(none.questions).toEqual([]);
  });

  it("filters by period: exits of the year, entries of the year or the one before", async () => {
    const y = await participantWavesReport(store, projectSettings(), {period: periodFromId("2024/25")});
    expect(y.period).toBe("2024/25");
    expect(y.respondents).toEqual({entry: 15, exit: 16, matched: 8});
    // 2025/26: the entry of September 2024 is within a year before, but no exit answer → nothing asked in both waves.
    const next = await participantWavesReport(store, projectSettings(), {period: periodFromId("2025/26")});
    expect(next.respondents).toEqual({entry: 15, exit: 0, matched: 0});
    expect(next.questions).toEqual([]);
  });

  it("marks questions under the group-size setting small", async () => {
    const settings = projectSettings();
    const r = await participantWavesReport(store, {...settings, groupSize: {...settings.groupSize, minGroupSize: 9}});
    // 8 matched < 9 in the paired comparison.
    expect(r.questions.map((q) => q.small)).toEqual([true, true]);
    const s2 = await participantWavesReport(store, {...settings, groupSize: {...settings.groupSize, minGroupSize: 7}}, {scope: {level: "school", id: school2.id}});
    // School 2: 6 entry answers < 7.
    expect(s2.questions.map((q) => q.small)).toEqual([true, true]);
  });
});

describe("the annual report's section «Что говорят участники: до и после»", () => {
  let r: AnnualReport;
  beforeAll(async () => {
    r = await annualReport(store, projectSettings(), {period: periodFromId("2024/25"), today: "2025-09-01"});
  }, 120_000);

  it("holds the report's figures, one computation with the CLI", async () => {
    if (!r.participants.available) throw new Error("participants expected");
    const d = r.participants.data;
    const w = await participantWavesReport(store, projectSettings(), {period: periodFromId("2024/25")});
    expect(d.ratings).toEqual([participantLine(w.questions[0]!)]);
    expect(d.yesNo).toEqual([participantLine(w.questions[1]!)]);
    expect(d.yesNo[0]).toMatchObject({before: 0.5, after: 0.75, change: 0.25, matched: 8, comparison: "paired",
      test: {label: "точный критерий Макнемара", p: 0.625}, suppressed: false});
    // The CLI prints the same rows.
    const text = participantsText(w, "—");
    for (const cell of participantRow(d.yesNo[0]!, 5)) expect(text).toContain(cell);
  });

  it("says why when there is nothing to compare", async () => {
    const empty = await annualReport(store, projectSettings(), {period: periodFromId("2023/24"), today: "2025-09-01"});
    expect(empty.participants).toEqual({available: false, note: "Вопросов, заданных и во входном, и в итоговом анкетировании участников, " +
      "за 2023/24 учебный год нет (нужны выгрузки обеих волн с одинаковыми формулировками вопросов)."});
  });

  it("hides small groups: «< 9» and no figures when fewer than 9 are matched", async () => {
    const settings = projectSettings();
    const small = await annualReport(store, {...settings, groupSize: {...settings.groupSize, minGroupSize: 9}}, {period: periodFromId("2024/25"), today: "2025-09-01"});
    if (!small.participants.available) throw new Error("participants expected");
    expect(small.participants.data.yesNo[0]).toMatchObject({suppressed: true, before: null, after: null, change: null, test: null, reading: null});
    expect(participantRow(small.participants.data.yesNo[0]!, 9)).toEqual([WISH, "15 / 16", "8", "< 9", "—", "—", "—", "—"]);
  });

  it("the DOCX, read back, has the heading, a table per kind with the figures and the readings", async () => {
    const doc = docxContent(await annualDocx(r, {name: "Управление образования", level: "municipality"}));
    expect(doc.paragraphs).toContain(DOCX_HEADINGS[7]);
    expect(DOCX_HEADINGS[7]).toBe("8. Что говорят участники: до и после");
    const tables = doc.tables.filter((t) => t[0]?.join("|") === PARTICIPANTS_HEADER.join("|"));
    expect(tables).toHaveLength(2);
    // Ratings: 2,75 → 3,88 (+1,13), Wilcoxon; yes/no: 50 % (Wilson 21,5–78,5 %) → 75 % (40,9–92,9 %), McNemar p = 0,625.
    expect(tables[0]!.slice(1)).toEqual([[SAT, "15 / 16", "8", "2,75", "3,88", "+1,13", "критерий Уилкоксона", "0,024"]]);
    expect(tables[1]!.slice(1)).toEqual([[WISH, "15 / 16", "8", `50${S}% (22–78${S}%)`, `75${S}% (41–93${S}%)`, `+25${S}п.${S}п.`,
      "точный критерий Макнемара", "0,625"]]);
    expect(doc.paragraphs).toContain(`— «${WISH}»: доля ответивших «да» выросла с 50${S}% до 75${S}% (сопоставлено участников: 8; ` +
      "стали отвечать «да» — 3, перестали — 1); изменение статистически не значимо (точный критерий Макнемара, p = 0,625).");
    expect(doc.paragraphs.indexOf(DOCX_HEADINGS[7])).toBeLessThan(doc.paragraphs.indexOf(DOCX_HEADINGS[8]));
  });

  it("the XLSX, read back with exceljs, has the sheet with numbers, formats and tests", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await annualWorkbook(r) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Участники до и после")!;
    expect(ws).toBeDefined();
    expect(ws.getRow(2).values).toEqual([undefined, "Вопрос", "Вид", "Ответов до", "Ответов после", "Сопоставлено", "Сравнение", "До", "После",
      "Изменение", "ДИ до, от", "ДИ до, до", "ДИ после, от", "ДИ после, до", "Критерий", "p", "Вывод"]);
    const rating = ws.getRow(3), yes = ws.getRow(4);
    expect([rating.getCell(1).value, rating.getCell(2).value, rating.getCell(3).value, rating.getCell(4).value, rating.getCell(5).value,
      rating.getCell(7).value, rating.getCell(8).value, rating.getCell(9).value, rating.getCell(14).value])
      .toEqual([SAT, "оценка", 15, 16, 8, 2.75, 3.875, 1.125, "критерий Уилкоксона"]);
    close(rating.getCell(15).value as number, ref.fixture.satSchool1.p);
    expect(rating.getCell(7).numFmt).toBe("0.00");
    expect([yes.getCell(1).value, yes.getCell(6).value, yes.getCell(7).value, yes.getCell(8).value, yes.getCell(9).value, yes.getCell(14).value, yes.getCell(15).value])
      .toEqual([WISH, "парное", 0.5, 0.75, 0.25, "точный критерий Макнемара", 0.625]);
    expect(yes.getCell(7).numFmt).toBe("0.0%");
    close(yes.getCell(10).value as number, ref.fixture.wishSchool1.wilsonBefore[0]);
    close(yes.getCell(13).value as number, ref.fixture.wishSchool1.wilsonAfter[1]);
  });

  it("the page (HTML/PDF) shows the section", () => {
    const html = annualHtml(r);
    expect(html).toContain("<h3>Что говорят участники: до и после</h3>");
    expect(html).toContain("точный критерий Макнемара");
    expect(html).toContain(`50${S}% (22–78${S}%)`);
  });
});
