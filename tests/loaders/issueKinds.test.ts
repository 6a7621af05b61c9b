// The registry of issue kinds (loaders/issueKinds.ts) and their wordings (loaders/messages/*.ts).
//
// Half of this file is checked by tsc, not by vitest: each `// @ts-expect-error` line below must
// fail to compile, and tsc (`npx tsc --noEmit -p .`, part of `npm test`) reports an unused
// `@ts-expect-error` as an error (TS2578). So if the typing of kinds, details or wordings weakened,
// `tsc` would fail here.
import {describe, expect, it} from "vitest";
import type {IssueDetails, IssueKind, ServerIssueDetails} from "../../loaders/issueKinds.ts";
import type {IssueFacts} from "../../loaders/issues.ts";
import {knownIssueKinds, toIssue, type MessageWriter, type MessageWriters} from "../../loaders/messages/index.ts";
import {fileMessages} from "../../loaders/messages/file.ts";
import {serverMessages} from "../../loaders/messages/server.ts";

describe("tsc refuses an issue the registry does not describe", () => {
  it("an unknown kind, details of another shape, missing details", () => {
    // @ts-expect-error a kind that is not in the registry
    const unknownKind: IssueFacts = {severity: "error", kind: "table/no-such-kind", file: "f.xlsx"};
    // @ts-expect-error a detail of the wrong type (the stated total as text)
    const wrongType: IssueFacts = {severity: "error", kind: "table/total-mismatch", file: "f.xlsx", details: {form: 2, field: "mentors", stated: "5", computed: 4}};
    // @ts-expect-error a detail the kind does not have (a misspelt name)
    const wrongField: IssueFacts<"upload/too-large"> = {severity: "error", kind: "upload/too-large", file: "f.xlsx", details: {limt: 1048576}};
    // @ts-expect-error details another kind has, not this one
    const otherKind: IssueFacts = {severity: "error", kind: "file/too-many-issues", file: "f.xlsx", details: {bytes: 5, limit: 4}};
    // @ts-expect-error a kind with details given none
    const missing: IssueFacts = {severity: "warning", kind: "roster/duplicate-teacher", file: "f.xlsx"};
    // @ts-expect-error a kind without details given some
    const extra: IssueFacts = {severity: "error", kind: "file/empty", file: "f.xlsx", details: {bytes: 0}};
    // @ts-expect-error toIssue takes only the registry's kinds
    expect(() => toIssue({severity: "error", kind: "file/no-such-kind", file: "f.xlsx"})).toThrow("no wording for issue kind file/no-such-kind");
    // The same facts, had they passed an untyped boundary, still stop at run time rather than print nothing.
    expect(() => toIssue(unknownKind)).toThrow("no wording for issue kind table/no-such-kind");
    // The rest are valid at run time but wrong in meaning: only tsc can refuse them.
    expect([wrongType, wrongField, otherKind, missing, extra].map((f) => f.kind)).toEqual(
      ["table/total-mismatch", "upload/too-large", "file/too-many-issues", "roster/duplicate-teacher", "file/empty"]);
  });

  it("a set of wordings without one of its kinds, or with a kind the registry lacks", () => {
    const tooLarge: MessageWriter<"upload/too-large"> = (f) => `предел ${f.details.limit}`;
    // @ts-expect-error the server's wordings without «upload/too-many-files» and the rest
    const incomplete: MessageWriters<keyof ServerIssueDetails> = {"upload/too-large": tooLarge};
    // @ts-expect-error a wording of a kind that is not in the registry
    const stray: MessageWriters<"upload/too-large"> = {"upload/too-large": tooLarge, "upload/no-such-kind": () => "текст"};
    // @ts-expect-error every kind's wordings, one area left out
    const all: MessageWriters<IssueKind> = {...fileMessages, ...serverMessages};
    // @ts-expect-error a wording that reads a detail its kind does not have
    const misread: MessageWriter<"upload/too-large"> = (f) => `${f.details.bytes}`;
    expect(tooLarge({severity: "error", kind: "upload/too-large", file: "f.xlsx", details: {limit: 5}}, "")).toBe("предел 5");
    expect([incomplete, stray, all, misread].map((x) => typeof x)).toEqual(["object", "object", "object", "function"]);
  });
});

/**
 * Details worked out for every kind, as a loader would give them: the mapped type makes tsc ask for
 * a sample of each new kind. Kinds without details take `{}`.
 */
const SAMPLES: {[K in IssueKind]: IssueDetails[K]} = {
  "file/empty": {},
  "file/too-large": {bytes: 15 * 1048576, limit: 10 * 1048576},
  "file/encrypted": {format: "xls"},
  "file/not-spreadsheet": {looksLike: "pdf"},
  "file/xls-unsupported": {version: "BIFF5"},
  "file/corrupt": {reason: "zip-truncated"},
  "file/zip-bomb": {reason: "ratio"},
  "file/xml-doctype": {},
  "file/sheet-too-large": {sheet: "Лист1", limit: 1_000_000, what: "rows"},
  "file/unknown-format": {sheets: ["Лист1"], kinds: ["квартальный отчёт (формы 1–5)", "диагностика педагогов"]},
  "file/too-many-issues": {shown: 2000, total: 2500},
  "forms/no-tables": {},
  "file/no-period": {},
  "file/period-conflict": {periods: ["2024-Q1", "2024-Q2"], first: "за I квартал 2024 г."},
  "file/period-option-ignored": {option: "2024-Q2", period: "2024-Q1"},
  "table/form-unknown": {},
  "table/total-mismatch": {form: 3, field: "mentors", stated: 12, computed: 11},
  "table/total-unreadable": {form: 2},
  "table/total-not-calculated": {form: 4},
  "cell/empty-count": {},
  "cell/not-a-number": {},
  "cell/ambiguous-count": {},
  "cell/negative-count": {},
  "cell/fractional-count": {},
  "cell/formula-no-result": {},
  "cell/excel-error": {},
  "cell/dash-as-zero": {},
  "cell/unread": {},
  "row/no-school": {form: 2, rows: 3},
  "row/no-municipality": {},
  "school/duplicate-in-form1": {},
  "school/missing-from-form1": {form: 5, similar: "МБОУ СОШ № 1"},
  "engagement/over-population": {who: "students", engaged: 120, population: 100},
  "school/no-engagement": {period: "2024-Q1"},
  "diagnostics/no-table": {areas: ["Предметные", "Коммуникативные"]},
  "diagnostics/no-school-year": {sheets: ["Лист1"]},
  "diagnostics/no-rows": {},
  "diagnostics/no-school-column": {},
  "diagnostics/no-municipality-column": {},
  "diagnostics/no-wave": {rows: 4},
  "diagnostics/wave-conflict": {stated: "entry", given: "exit"},
  "diagnostics/unknown-wave": {},
  "diagnostics/no-name": {},
  "diagnostics/no-school": {},
  "diagnostics/no-results": {},
  "diagnostics/not-a-percent": {area: "Предметные", deficit: false},
  "diagnostics/out-of-range": {area: "Предметные", deficit: true},
  "diagnostics/formula-no-result": {area: "Предметные", deficit: false},
  "diagnostics/excel-error": {area: "Предметные", deficit: false},
  "diagnostics/deficit-result-mismatch": {area: "Предметные", deficit: 40, result: 50},
  "diagnostics/read-as-share": {},
  "diagnostics/duplicate-area-column": {area: "Предметные"},
  "diagnostics/ambiguous-stored-teacher": {namesakes: 2},
  "diagnostics/ambiguous-teacher": {rows: ["12", "14 (лист «Итоговая»)"]},
  "registry/no-table": {},
  "registry/no-school": {},
  "registry/school-from-column": {school: "МБОУ СОШ № 1"},
  "registry/municipality-unknown": {school: "МБОУ СОШ № 1"},
  "registry/missing-name": {base: "mentors"},
  "registry/name-unreadable": {},
  "registry/date-unreadable": {field: "start", reason: "impossible"},
  "registry/end-before-start": {start: "01.09.2024", end: "01.06.2024"},
  "registry/start-missing": {},
  "registry/form-unknown": {},
  "registry/completion-unreadable": {},
  "registry/birth-year-unreadable": {},
  "registry/duplicate-pair": {firstRow: 5, base: "mentees"},
  "registry/month-only-date": {field: "end"},
  "questionnaire/no-header": {},
  "questionnaire/no-respondents": {},
  "questionnaire/unknown-role": {},
  "questionnaire/no-role": {},
  "questionnaire/unknown-wave": {},
  "questionnaire/wave-unknown": {},
  "questionnaire/not-a-rating": {question: "Насколько полезны встречи с наставником?"},
  "questionnaire/duplicate-respondent": {earlierRow: 4},
  "roster/no-header": {},
  "roster/no-year": {},
  "roster/no-school": {rows: 3},
  "roster/no-teachers": {},
  "roster/no-hire-date": {},
  "roster/bad-date": {},
  "roster/left-before-hired": {hired: "2024-09-01"},
  "roster/left-after-as-of": {asOf: "2025-05-31"},
  "roster/bad-experience": {},
  "roster/duplicate-teacher": {earlierRow: 6},
  "indicators/no-header": {},
  "indicators/no-rows": {},
  "indicators/no-school": {rows: 2},
  "indicators/no-year": {rows: 2},
  "indicators/bad-year": {},
  "indicators/bad-count": {indicator: "Доля молодых специалистов"},
  "indicators/count-exceeds-total": {indicator: "Доля молодых специалистов", total: 30},
  "indicators/zero-total": {indicator: "Доля молодых специалистов"},
  "indicators/bad-target": {},
  "upload/too-large": {limit: 50 * 1048576},
  "upload/too-many-files": {limit: 200},
  "file/parse-timeout": {seconds: 2.5},
  "file/too-complex": {reason: "memory"},
  "file/store-failed": {},
  "directory/no-table": {},
  "directory/no-rows": {},
  "directory/no-name": {},
  "directory/no-municipality": {counted: true},
  "directory/ambiguous-school": {municipalities: ["Саргатский", "Омский"]},
  "directory/similar-name": {municipality: "Саргатский", candidate: "МБОУ «Саргатская СОШ № 1»", proposal: 7},
  "directory/bad-status": {},
  "directory/duplicate-row": {earlierRow: 3},
  "directory/code-conflict": {other: "МБОУ СОШ № 2"},
  "school/spelling-unified": {form: 2},
  "school/option-differs": {chosen: "МБОУ СОШ № 2"},
  "settings/no-table": {},
  "settings/invalid": {setting: "Цели вовлечённости", header: "Цель, %", problem: "число больше 100"},
  "settings/not-a-number": {setting: "Цели вовлечённости", header: "Цель, %"},
  "settings/unknown-code": {setting: "Целевые показатели", header: null},
  "settings/unknown-word": {setting: "Правила наставничества", header: "Важность"},
  "settings/duplicate-table": {table: "Цели вовлечённости", first: "Цели"},
  "settings/unchanged": {setting: "Цели вовлечённости", sheets: ["Цели"], rows: 5},
  "settings/new-version": {setting: "Цели вовлечённости", sheets: ["Цели"], rows: 5},
  "file/parse-failed": {reason: "error", error: "RangeError"},
  "file/unreadable": {code: "ENOENT"},
  "catalogue/no-table": {},
  "catalogue/no-rows": {},
  "catalogue/no-areas": {areas: ["Предметные", "Коммуникативные"]},
  "catalogue/bad-hours": {},
  "catalogue/bad-dates": {reason: "end-before-start"},
  "routes/no-table": {},
  "routes/no-routes": {},
  "routes/no-teacher": {},
  "routes/no-school": {teacher: "Иванова Анна Петровна"},
  "routes/no-activities": {},
  "routes/bad-hours": {},
  "routes/bad-dates": {reason: "not-a-date"},
  "routes/planned-no-year": {reason: "no-year"},
  "routes/mark-unreadable": {},
  "routes/deficits-unmatched": {areas: ["Предметные"]},
  "routes/duplicate-teacher": {earlier: "8"},
  "routes/no-municipality": {rows: 3},
  "students/no-table": {},
  "students/no-rows": {},
  "students/no-year": {},
  "students/bad-year": {},
  "students/no-teacher": {},
  "students/no-school": {},
  "students/not-a-count": {label: "ВПР, участвовало"},
  "students/bad-grade": {},
  "students/passed-over-taken": {label: "ОГЭ", taken: 20},
  "students/passed-without-taken": {label: "ОГЭ"},
  "students/taken-over-class": {label: "ВПР", students: 25},
  "students/no-results": {},
  "students/duplicate-row": {earlier: 9},
  "students/no-municipality": {rows: 4}
};

/** A place and value every sample shares: a cell of a school's report. */
const AT = {severity: "warning", file: "отчёт.xlsx", sheet: "Лист1", row: 7, column: 4, school: "МБОУ СОШ № 1",
  value: "12a", expected: "число наставников"} as const;

describe("every issue kind has a Russian wording", () => {
  it("the kinds with wording are exactly the registry's kinds", () => {
    expect([...knownIssueKinds].sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(knownIssueKinds.length).toBeGreaterThanOrEqual(150);
  });

  for (const kind of Object.keys(SAMPLES) as IssueKind[]) {
    it(`${kind}: a sentence in Russian, with no placeholder left`, () => {
      // The sample's kind and details come from one entry of SAMPLES, so they belong together.
      const issue = toIssue({...AT, kind, details: SAMPLES[kind]} as IssueFacts);
      expect(issue.kind).toBe(kind);
      expect(issue.message.length).toBeGreaterThan(20);
      expect(issue.message).toMatch(/^[«А-ЯЁ0-9]/);
      expect(issue.message).toMatch(/[а-яё]{4}/);
      expect(issue.message).not.toMatch(/undefined|NaN|null|\[object|\$\{/);
    });
  }

  it("a detail a wording reads is quoted from the facts (samples of four areas)", () => {
    const message = (kind: IssueKind) => toIssue({...AT, kind, details: SAMPLES[kind]} as IssueFacts).message;
    expect(message("table/total-mismatch")).toBe("Строка «Итого» (форма 3 «учитель – учитель», наставников) не сходится с суммой строк: указано 12, по строкам 11. В расчёт взяты строки таблицы; исправьте итог.");
    expect(message("file/too-large")).toBe("Файл слишком большой: 15,0 МБ при пределе 10 МБ. Отчёт школы столько весить не может: проверьте, тот ли это файл.");
    expect(message("diagnostics/deficit-result-mismatch")).toBe("Предметные: дефицит 40 % и результат 50 % в сумме не дают 100 %. Взят указанный результат (50 %).");
    expect(message("upload/too-many-files")).toBe("За один раз принимается не больше 200 файлов; остальные не приняты. Загрузите их следующей порцией.");
  });
});
