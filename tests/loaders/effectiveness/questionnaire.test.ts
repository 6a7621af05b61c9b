import {describe, expect, it} from "vitest";
import {examineFile, ingestBytes} from "../../../loaders/ingest.ts";
import {knownIssueKinds} from "../../../loaders/messages/index.ts";
import type {QuestionnaireData} from "../../../loaders/effectiveness/questionnaire.ts";
import {all, Store} from "../../../store/database.ts";
import {D, xlsx, type Rows} from "./helpers.ts";

const header = ["Отметка времени", "Ваша роль в программе", "Код участника",
  "Оцените удовлетворённость участием в программе (от 1 до 5)", "Хотели бы вы стать наставником?",
  "Сильные стороны программы", "Что бы вы изменили в программе?"];

const rows: Rows = [
  ["Анкета участников программы наставничества (входное анкетирование)"],
  header,
  [D(2024, 9, 20), "Наставник", "A-01", 4, "Да", "Опытные наставники; взаимопосещение уроков", "Меньше отчётов"],
  [D(2024, 9, 21), "Наставляемый (молодой специалист)", "A-02", "5 - полностью", "Нет", "1) поддержка коллег 2) доброжелательная атмосфера", "нет"],
  [null, null, null, null, null, null, null],
  [D(2024, 9, 22), "молодой педагог", "A-03", "десять", "Да", "Затрудняюсь ответить", "Больше времени на встречи"],
  [D(2024, 9, 23), "Зам. директора по УВР", "A-04", 3, "Не знаю", "Хорошая организация", ""],
  [D(2024, 9, 24), "", "", 2, "Нет", "", "Нехватка времени у наставников"]
];

describe("questionnaire loader", () => {
  it("recognises a questionnaire and reads roles, wave, question kinds and answers", async () => {
    const bytes = await xlsx("Ответы на форму (1)", rows, ["A1:G1"]);
    const ex = await examineFile("анкета.xlsx", bytes);
    expect(ex.ok).toBe(true);
    if (!ex.ok) return;
    expect(ex.kind.name).toBe("questionnaire");
    const data = ex.parsed.data as QuestionnaireData;
    expect(data.questions.map((q) => [q.text.slice(0, 20), q.kind, q.scale])).toEqual([
      ["Оцените удовлетворён", "rating", {min: 1, max: 5}],
      ["Хотели бы вы стать н", "closed", null],
      ["Сильные стороны прог", "open", null],
      ["Что бы вы изменили в", "open", null]
    ]);
    expect(data.respondents.map((r) => r.role)).toEqual(["наставник", "наставляемый", "наставляемый", "руководитель", "другое"]);
    expect(data.respondents.every((r) => r.wave === "entry")).toBe(true);
    expect(data.respondents[0]!.key).toBe("code:a-01");
    expect(data.respondents[4]!.key).toBeNull();
    expect(data.respondents[1]!.answers.find((a) => a.question === 1)).toEqual({question: 1, text: "5 - полностью", rating: 5});
    expect(ex.parsed.stats).toEqual({respondents: 5, questions: 4, open: 2});
  });

  it("reports an unreadable rating and a missing role with their cells, in Russian", async () => {
    const ex = await examineFile("анкета.xlsx", await xlsx("Лист1", rows));
    if (!ex.ok) throw new Error("rejected");
    expect(ex.parsed.issues).toContainEqual(expect.objectContaining({kind: "questionnaire/not-a-rating", row: 6, column: 4, value: "десять", severity: "warning"}));
    expect(ex.parsed.issues).toContainEqual(expect.objectContaining({kind: "questionnaire/no-role", row: 8, column: 2}));
    for (const i of ex.parsed.issues) expect(knownIssueKinds).toContain(i.kind);
  });

  it("says when the wave is unknown and takes it from a «Этап» column when there is one", async () => {
    const noWave = await examineFile("опрос.xlsx", await xlsx("Лист1", rows.slice(1)));
    if (!noWave.ok) throw new Error("rejected");
    expect(noWave.parsed.issues).toContainEqual(expect.objectContaining({kind: "questionnaire/wave-unknown", severity: "info"}));
    const withCol = await examineFile("опрос.xlsx", await xlsx("Лист1", [
      ["Роль", "Этап", "Оцените климат в коллективе (от 1 до 10)"],
      ["наставник", "входное", 6], ["наставник", "итоговое", 8], ["куратор", "после программы", 9]]));
    if (!withCol.ok) throw new Error("rejected");
    expect((withCol.parsed.data as QuestionnaireData).respondents.map((r) => r.wave)).toEqual(["entry", "exit", "exit"]);
    expect(withCol.parsed.issues.filter((i) => i.kind === "questionnaire/wave-unknown")).toEqual([]);
  });

  it("rejects a questionnaire without answers", async () => {
    const ex = await examineFile("пусто.xlsx", await xlsx("Лист1", [header]));
    expect(ex.ok).toBe(false);
    if (ex.ok) return;
    expect(ex.issues).toContainEqual(expect.objectContaining({kind: "questionnaire/no-respondents", severity: "error"}));
  });

  it("stores respondents and answers without names, and a re-export replaces the earlier upload", async () => {
    const store = await Store.open(":memory:");
    try {
      const withNames: Rows = [["Отметка времени", "ФИО", "Роль", "Что понравилось?"],
        [D(2025, 5, 1), "Иванова Анна Петровна", "наставник", "поддержка"],
        [D(2025, 5, 2), "Петров Илья", "наставляемый", "обмен опытом"]];
      const first = await ingestBytes(store, "a.xlsx", await xlsx("Лист1", withNames));
      expect(first.status).toBe("accepted");
      const second = await ingestBytes(store, "a (2).xlsx", await xlsx("Лист1", [...withNames,
        [D(2025, 5, 3), "Сидорова Е. В.", "куратор", "методическая помощь"]]));
      expect(second.replaces).toEqual([first.uploadId]);
      const current = await store.read((c) => all<{upload_id: number}>(c, "SELECT upload_id FROM current_questionnaire_uploads"));
      expect(current).toEqual([{upload_id: second.uploadId}]);
      const stored = await store.read((c) => all<{k: string}>(c, "SELECT string_agg(respondent_key, ',') AS k FROM questionnaire_respondents"));
      expect(stored[0]!.k).not.toMatch(/Иванова|ivanova/i);
      expect(stored[0]!.k).toMatch(/^h:[0-9a-f]{16}/);
      const answers = await store.read((c) => all<{n: number}>(c, "SELECT count(*) AS n FROM questionnaire_answers WHERE upload_id = $u", {u: second.uploadId!}));
      expect(answers[0]!.n).toBe(3);
    } finally {
      await store.close();
    }
  });
});
