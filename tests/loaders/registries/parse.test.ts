import {describe, expect, it} from "vitest";
import {examineFile} from "../../../loaders/ingest.ts";
import {toIssue} from "../../../loaders/messages/index.ts";
import type {RegistryData} from "../../../loaders/registries/parse.ts";
import {titleSchool} from "../../../loaders/registries/parse.ts";
import {MENTEE_HEADERS, MENTOR_HEADERS, registryXlsx, utc} from "./fixtures.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

async function examine(name: string, bytes: Buffer) {
  const r = await examineFile(name, bytes);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.issues)}`);
  return {kind: r.kind.name, data: r.parsed.data as RegistryData, issues: r.parsed.issues, stats: r.parsed.stats};
}

describe("the mentee base", () => {
  it("is recognised by the seed's headers and read with dates as people write them", async () => {
    const bytes = await registryXlsx({
      titles: ["База наставляемых", "МБОУ \"Саргатская СОШ № 1\", Саргатский муниципальный район"],
      headers: MENTEE_HEADERS,
      extraRows: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]],
      rows: [
        [1, "Петрова Мария Ивановна", "8-913-000-00-01", 1999, "методика", utc(2024, 9, 1), "Иванова А.А.", "Учитель-учитель",
          "МБОУ \"Саргатская СОШ № 1\"", "31.05.2025", "", "", "да"],
        [2, "Сидоров Олег Петрович", "", "1998 г.", "", "1.9.24", "Иванова Анна Андреевна", "учитель — учитель", "", "", "", "", ""],
        [3, "Кузнецова Е. В.", "", "", "", "сентябрь 2024", "Иванова А. А.", "наставник-друг", "", "09.2025", "", "", "пройдена"],
        [null, null, null, null, null, null, null, null, null, null, null, null, null],
        [4, "Орлова Н. С.", "", "девяносто", "", "01.10.2024", "Смирнов П.П.", "учитель – учитель", "", "15.09.2024", "", "", "может быть"],
        [5, "Белов К. К.", "", "", "", "осень 2024", "", "", "", "", "", "", ""],
        [6, "", "", "", "", "01.09.2024", "Смирнов П.П.", "", "", "", "", "", ""]
      ]
    });
    const r = await examine("база наставляемых.xlsx", bytes);
    expect(r.kind).toBe("registry-mentees");
    expect(r.data.school).toEqual({municipality: "Саргатский", name: "МБОУ \"Саргатская СОШ № 1\""});
    expect(r.data.bases).toEqual(["mentees"]);
    const byMentee = Object.fromEntries(r.data.entries.map((e) => [e.menteeKey, e]));
    expect(byMentee["петрова м и"]).toMatchObject({mentorKey: "иванова а а", form: "teacher-teacher", start: d("2024-09-01"),
      end: d("2025-05-31"), completed: true, row: 5, sheet: "Лист1"});
    expect(byMentee["сидоров о п"]).toMatchObject({mentorKey: "иванова а а", form: "teacher-teacher", start: d("2024-09-01"), end: null});
    // «сентябрь 2024» starts on the 1st, «09.2025» as an end is the month's last day.
    expect(byMentee["кузнецова е в"]).toMatchObject({start: d("2024-09-01"), end: d("2025-09-30"), form: null, completed: true});
    expect(byMentee["орлова н с"]).toMatchObject({start: d("2024-10-01"), end: null, completed: null});
    expect(byMentee["белов к к"]).toMatchObject({mentorKey: null, start: null});
    expect(r.data.people.find((p) => p.key === "иванова а а")?.name).toBe("Иванова Анна Андреевна");
    expect(r.data.people.find((p) => p.key === "петрова м и")).toEqual({key: "петрова м и", name: "Петрова Мария Ивановна",
      contacts: "8-913-000-00-01", birthYear: 1999});
    expect(r.data.people.find((p) => p.key === "сидоров о п")?.birthYear).toBe(1998);

    const facts = r.issues.map((i) => ({kind: i.kind, row: i.row, column: i.column, value: i.value ?? null}));
    expect(facts).toContainEqual({kind: "registry/form-unknown", row: 7, column: 8, value: "наставник-друг"});
    expect(facts).toContainEqual({kind: "registry/month-only-date", row: 7, column: 6, value: "сентябрь 2024"});
    expect(facts).toContainEqual({kind: "registry/month-only-date", row: 7, column: 10, value: "09.2025"});
    expect(facts).toContainEqual({kind: "registry/end-before-start", row: 9, column: 10, value: "15.09.2024"});
    expect(facts).toContainEqual({kind: "registry/completion-unreadable", row: 9, column: 13, value: "может быть"});
    expect(facts).toContainEqual({kind: "registry/birth-year-unreadable", row: 9, column: 4, value: "девяносто"});
    expect(facts).toContainEqual({kind: "registry/date-unreadable", row: 10, column: 6, value: "осень 2024"});
    expect(facts).toContainEqual({kind: "registry/missing-name", row: 11, column: 2, value: null});
    expect(r.stats).toEqual({rows: 5, pairs: 4, mentors: 2, mentees: 5});
    // Every kind emitted has its Russian wording.
    for (const i of r.issues) expect(toIssue(i).message.length).toBeGreaterThan(20);
    expect(toIssue(r.issues.find((i) => i.kind === "registry/end-before-start")!).message)
      .toBe("Дата завершения программы (15.09.2024) раньше даты вхождения в программу (01.10.2024): пара загружена без даты завершения. Проверьте даты.");
  });

  it("without a title line takes the school from the mentors' workplace and says so", async () => {
    const bytes = await registryXlsx({titles: [], headers: MENTEE_HEADERS, rows: [
      [1, "Петрова М. И.", "", "", "", "01.09.2024", "Иванова А.А.", "учитель – учитель", "МБОУ \"Тарская СОШ № 2\"", "", "", "", ""],
      [2, "Сидоров О. П.", "", "", "", "01.09.2024", "Смирнов П.П.", "учитель – учитель", "МБОУ «Тарская СОШ №2»", "", "", "", ""]]});
    const r = await examine("b.xlsx", bytes);
    expect(r.data.school).toEqual({municipality: null, name: "МБОУ \"Тарская СОШ № 2\""});
    expect(r.issues.map((i) => i.kind)).toEqual(["registry/school-from-column", "registry/municipality-unknown"]);
  });

  it("a workbook with no registry header is not taken for a registry", async () => {
    const bytes = await registryXlsx({titles: ["Список"], headers: ["ФИО", "Должность"], rows: [["Иванова", "учитель"]]});
    const r = await examineFile("x.xlsx", bytes);
    expect(r.ok).toBe(false);
  });
});

describe("the mentor base", () => {
  it("reads several mentees in one cell, a merged mentor cell and variant headers", async () => {
    const headers = MENTOR_HEADERS.map((h) => h === "Ф.И.О. наставника" ? "Наставник (ФИО)" : h);
    const bytes = await registryXlsx({
      titles: ["База наставников МБОУ \"Саргатская СОШ № 1\"", "Саргатский район"],
      headers,
      rows: [
        [1, "Иванова Анна Андреевна", "ivanova@example.ru", "МБОУ \"Саргатская СОШ № 1\"", "", "", "", "", "2 ч в неделю",
          "01.09.2024", "Петрова М.И., Сидоров О.П.", "учитель – учитель", "", "31.05.2025", "", ""],
        [null, null, null, null, null, null, null, null, null, "01.10.2024", "Кузнецова Е.В.\nОрлова Н.С.", "учитель – учитель", "", "", "", ""],
        [2, "Смирнов Павел Павлович", "", "", "", "", "", "", "", "01.09.2024", "", "учитель – учитель", "", "", "", ""],
        [3, "Фролов Ф.Ф.", "", "", "", "", "", "", "", "01.09.2024", "1) Белов К.К. 2) 12345", "ученик – ученик", "", "", "", ""]
      ],
      merges: ["B4:B5", "A4:A5"]
    });
    const r = await examine("база наставников.xlsx", bytes);
    expect(r.kind).toBe("registry-mentors");
    expect(r.data.school).toEqual({municipality: "Саргатский", name: "МБОУ \"Саргатская СОШ № 1\""});
    const pairs = r.data.entries.map((e) => [e.row, e.mentorKey, e.menteeKey, e.start?.toISOString().slice(0, 10) ?? null]);
    expect(pairs).toEqual([
      [4, "иванова а а", "петрова м и", "2024-09-01"], [4, "иванова а а", "сидоров о п", "2024-09-01"],
      [5, "иванова а а", "кузнецова е в", "2024-10-01"], [5, "иванова а а", "орлова н с", "2024-10-01"],
      [6, "смирнов п п", null, "2024-09-01"],
      [7, "фролов ф ф", "белов к к", "2024-09-01"]]);
    expect(r.issues.map((i) => [i.kind, i.row, i.column, i.value])).toEqual([["registry/name-unreadable", 7, 11, "12345"]]);
    expect(r.data.people.find((p) => p.key === "иванова а а")?.contacts).toBe("ivanova@example.ru");
  });
});

describe("titleSchool", () => {
  it("finds the organisation and the district in title lines", () => {
    expect(titleSchool(["База наставляемых", "МКОУ «Тарская ООШ № 5» Тарского района", "Тарский муниципальный район"]))
      .toEqual({name: "МКОУ «Тарская ООШ № 5»", municipality: "Тарский"});
    expect(titleSchool(["Реестр наставников", "Омский район, Гимназия № 3"])).toEqual({name: "Гимназия № 3", municipality: "Омский"});
  });
});

describe("header variants", () => {
  it.each([["ФИО наставника"], ["Ф.И.О. наставника"], ["Ф. И. О. наставника"], ["Наставник (ФИО)"], ["фамилия, имя, отчество наставника"]])(
    "«%s» names the mentor column", async (text) => {
      const {fieldOf} = await import("../../../loaders/registries/columns.ts");
      expect(fieldOf(text)).toBe("mentorName");
    });
  it("«Дата приёма на работу» is the start of work, not the start of the programme", async () => {
    const {fieldOf} = await import("../../../loaders/registries/columns.ts");
    expect(fieldOf("Дата приёма на работу")).toBe("workStart");
    expect(fieldOf("Дата вхождения в программу")).toBe("start");
  });
});
