import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {all, Store} from "../../../store/database.ts";
import {workbookBytes, HEADER, SCHOOL1} from "./helpers.ts";
import {entryFile, exitFile} from "./fixture.ts";

let store: Store;
beforeEach(async () => { store = await Store.open(":memory:"); });
afterEach(async () => { await store.close(); });

const current = () => store.read((c) => all<{teacher_id: number; wave: string; area: string; result: number}>(c,
  "SELECT teacher_id, wave, area, result FROM current_diagnostic_results ORDER BY teacher_id, wave, area"));

describe("ingesting diagnostics", () => {
  it("accepts an entry and an exit file and matches teachers by ID, else by normalised name and school", async () => {
    const a = await ingestBytes(store, "входная.xlsx", await entryFile());
    const b = await ingestBytes(store, "итоговая.xlsx", await exitFile());
    expect([a.status, a.kind, b.status, b.kind]).toEqual(["accepted", "diagnostics", "accepted", "diagnostics"]);
    expect(a.stats).toEqual({rows: 5, entry: 5, exit: 0, areas: 2, results: 9});
    const teachers = await store.read((c) => all<{teacher_id: number; waves: string}>(c,
      `SELECT teacher_id, string_agg(wave, ',' ORDER BY wave) AS waves FROM current_diagnostic_entries GROUP BY 1 ORDER BY 1`));
    // Иванова, Петров (ё/е, case, spaces), Сидорова (by ID, though her surname changed), Кузнецов: both waves;
    // Смирнова entry only; Новикова exit only.
    expect(teachers.map((t) => t.waves)).toEqual(["entry,exit", "entry,exit", "entry,exit", "entry,exit", "entry", "exit"]);
    const sid = await store.read((c) => all<{result: number; wave: string}>(c,
      `SELECT r.result, r.wave FROM current_diagnostic_results r JOIN teacher_identities i USING (teacher_id)
       WHERE i.external_id = 't-3' AND r.area = 'methodological' ORDER BY r.wave`));
    expect(sid).toEqual([{result: 60, wave: "entry"}, {result: 57, wave: "exit"}]);
  });

  it("replaces that wave of those teachers when a corrected file is loaded again, losing nothing", async () => {
    const first = await ingestBytes(store, "входная.xlsx", await entryFile(52));
    await ingestBytes(store, "итоговая.xlsx", await exitFile());
    const again = await ingestBytes(store, "входная (испр.).xlsx", await entryFile(55));
    expect(again.replaces).toEqual([first.uploadId]);
    const rows = await current();
    expect(rows.filter((r) => r.wave === "entry")).toHaveLength(9);
    expect(rows.find((r) => r.teacher_id === 1 && r.wave === "entry" && r.area === "methodological")!.result).toBe(55);
    // The old upload's rows are still there, only no longer current.
    const kept = await store.read((c) => all<{n: number}>(c,
      "SELECT count(*)::INTEGER AS n FROM diagnostic_results WHERE upload_id = $u", {u: first.uploadId!}));
    expect(kept[0]!.n).toBe(9);
    const teachers = await store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM diagnostic_teachers"));
    expect(teachers[0]!.n).toBe(6);
  });

  it("says the same bytes are already loaded", async () => {
    const bytes = await entryFile();
    await ingestBytes(store, "входная.xlsx", bytes);
    expect((await ingestBytes(store, "копия.xlsx", bytes)).status).toBe("already_loaded");
  });

  it("keeps names only in teacher_identities, behind the pseudonymous id", async () => {
    await ingestBytes(store, "входная.xlsx", await entryFile());
    const tables = ["diagnostic_teachers", "diagnostic_entries", "diagnostic_results"];
    for (const t of tables) {
      const rows = await store.read((c) => all(c, `SELECT * FROM ${t}`));
      expect(JSON.stringify(rows)).not.toMatch(/Иванова|Петров|Сидорова/);
    }
    const ids = await store.read((c) => all<{full_name: string}>(c, "SELECT full_name FROM teacher_identities ORDER BY teacher_id"));
    expect(ids.map((r) => r.full_name)).toContain("Иванова Анна Петровна");
  });

  it("never matches namesakes of one school, in the file or across waves, and links the issue to the school", async () => {
    const entry = await ingestBytes(store, "входная.xlsx", await workbookBytes([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 50], ["Иванова Анна", SCHOOL1, "Саргатский", 70]]}]));
    expect(entry.status).toBe("accepted_with_remarks");
    expect(entry.issues.map((i) => [i.kind, i.cell, i.school])).toEqual([
      ["diagnostics/ambiguous-teacher", null, SCHOOL1], ["diagnostics/ambiguous-teacher", null, SCHOOL1], ["diagnostics/no-school-year", null, null]]);
    const exit = await ingestBytes(store, "итоговая.xlsx", await workbookBytes([{name: "Итоговая", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 60]]}]));
    // Alone in its file, she meets two namesakes already stored: an issue, not a silent choice.
    expect(exit.status).toBe("accepted_with_remarks");
    expect(exit.issues).toContainEqual(expect.objectContaining({kind: "diagnostics/ambiguous-stored-teacher", severity: "warning",
      sheet: "Итоговая", row: 2, school: SCHOOL1,
      message: expect.stringMatching(/уже загружены 2 педагога с тем же ФИО/)}));
    const record = await store.read((c) => all<{status: string; warnings: number}>(c,
      "SELECT status, warnings FROM uploads WHERE upload_id = $u", {u: exit.uploadId!}));
    expect(record).toEqual([{status: "accepted_with_remarks", warnings: 1}]);
    const teachers = await store.read((c) => all<{teacher_id: number; ambiguous: boolean; waves: string}>(c,
      `SELECT t.teacher_id, t.ambiguous, string_agg(e.wave, ',') AS waves FROM diagnostic_teachers t
       JOIN current_diagnostic_entries e USING (teacher_id) GROUP BY ALL ORDER BY 1`));
    expect(teachers).toEqual([{teacher_id: 1, ambiguous: true, waves: "entry"}, {teacher_id: 2, ambiguous: true, waves: "entry"},
      {teacher_id: 3, ambiguous: true, waves: "exit"}]);
    const linked = await store.read((c) => all<{school_id: number | null}>(c, "SELECT school_id FROM issues WHERE upload_id = $u AND kind = 'diagnostics/ambiguous-teacher'", {u: entry.uploadId!}));
    expect(linked).toHaveLength(2);
    expect(linked.every((r) => r.school_id !== null)).toBe(true);
  });

  it("rejects a diagnostics file without a wave and stores nothing of it", async () => {
    const o = await ingestBytes(store, "results.xlsx", await workbookBytes([{name: "Лист1", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 50]]}]));
    expect(o.status).toBe("rejected");
    expect(o.issues.map((i) => i.kind)).toEqual(["diagnostics/no-wave", "diagnostics/no-rows"]);
    expect(await current()).toEqual([]);
  });

  it("takes --wave for a file that does not say it", async () => {
    const o = await ingestBytes(store, "results.xlsx", await workbookBytes([{name: "Лист1", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 50]]}]), {wave: "exit"});
    expect(o.status).toBe("accepted");
    expect((await current()).map((r) => r.wave)).toEqual(["exit"]);
  });
});

describe("loading a file with namesakes again", () => {
  it("puts its namesakes in the places of the earlier ones instead of adding more teachers", async () => {
    const file = (a: number) => workbookBytes([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", a], ["Иванова Анна", SCHOOL1, "Саргатский", 70]]}]);
    const first = await ingestBytes(store, "входная.xlsx", await file(50));
    const second = await ingestBytes(store, "входная-2.xlsx", await file(55));
    expect(second.replaces).toEqual([first.uploadId]);
    expect((await current()).map((r) => [r.teacher_id, r.result])).toEqual([[1, 55], [2, 70]]);
  });
});
