// Storing several files in one transaction (loaders/ingest.ts storeBatch, issue 13 §5): the same
// result as one transaction per file, every file still all-or-nothing, a broken file falling back
// alone; and the bounds on issues (toIssue, capIssues).
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Store, all} from "../../store/database.ts";
import {capIssues, ingestFiles, prepareFile, storeBatch, storePrepared, type PreparedFile} from "../../loaders/ingest.ts";
import {boundText, toIssue} from "../../loaders/messages/index.ts";
import {quarterFile, TARSKY_Q1, OMSKY_Q1} from "../helpers/region.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {projectSettings} from "../helpers/settings.ts";

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), "mentoring-batch-")); });
afterEach(() => rmSync(dir, {recursive: true, force: true}));

const Q1 = "за I квартал 2024 г.";

async function files(): Promise<PreparedFile[]> {
  const tarsky = await quarterFile(Q1, TARSKY_Q1);
  return Promise.all([
    prepareFile("tarsky.xlsx", tarsky),
    prepareFile("omsky.xlsx", await quarterFile(Q1, OMSKY_Q1)),
    // A correction of one Tarsky school, later in the same batch.
    prepareFile("tarsky-fix.xlsx", await quarterFile(Q1, [{...TARSKY_Q1[0]!, forms: {2: [11, 15], 3: [8, 6]}}])),
    prepareFile("tarsky-copy.xlsx", tarsky),
    prepareFile("not-a-workbook.xlsx", Buffer.from("Муниципальный район;ОО\n"))
  ]);
}

/** Every table a forms upload writes, as comparable rows. */
async function snapshot(store: Store) {
  const q = (sql: string) => store.read((c) => all(c, sql));
  return {
    uploads: await q("SELECT upload_id, file_name, status, errors, warnings, kind, period FROM uploads ORDER BY 1"),
    periods: await q("SELECT * FROM school_periods ORDER BY ALL"),
    engagement: await q("SELECT upload_id, school_id, form, mentors, mentees, sheet, row_no FROM engagement ORDER BY ALL"),
    issues: await q("SELECT upload_id, seq, kind, cell, message FROM issues ORDER BY 1, 2"),
    replaces: await q("SELECT * FROM upload_replaces ORDER BY ALL"),
    report: (await engagementReport(store, projectSettings(), {period: "2024-Q1"})).region
  };
}

describe("several files in one transaction", () => {
  it("stores exactly what one transaction per file stores: records, rows, issues, replacements, duplicates", async () => {
    const prepared = await files();
    const one = await Store.open(join(dir, "one.duckdb"));
    const many = await Store.open(join(dir, "many.duckdb"));
    try {
      const singly = [];
      for (const p of prepared) singly.push(await storePrepared(one, p));
      const together = await storeBatch(many, prepared);
      expect(together).toEqual(singly);
      expect(together.map((o) => o.status)).toEqual(["accepted", "accepted", "accepted", "already_loaded", "rejected"]);
      expect(together[2]!.replaces).toEqual([together[0]!.uploadId]);
      expect(together[3]!.sameAs).toBe(together[0]!.uploadId);
      expect(await snapshot(many)).toEqual(await snapshot(one));
    } finally {
      await one.close();
      await many.close();
    }
  });

  it("resolves the schools of a batch's files against the directory as one file after another would: new schools, links, proposals and notes", async () => {
    const school = (m: string, name: string) => ({m, name, students: 100, teachers: 20, forms: {2: [10, 10] as [number, number]}});
    const prepared = await Promise.all([
      prepareFile("a.xlsx", await quarterFile(Q1, [school("Тарский", "МКОУ «Тарская гимназия»"), school("Омский", "СОШ № 5")])),
      // A name close to the school the first file created: proposed against it, and told in this file.
      prepareFile("b.xlsx", await quarterFile(Q1, [school("Тарский", "МКОУ «Тарская гимназия им. А.С. Пушкина»")])),
      // The first file's school spelled otherwise (same key): joins it; and a new district.
      prepareFile("c.xlsx", await quarterFile(Q1, [school("Омский р-н", "сош №5"), school("Саргатский", "СОШ № 1")]))
    ]);
    const one = await Store.open(join(dir, "one.duckdb"));
    const many = await Store.open(join(dir, "many.duckdb"));
    const directory = async (store: Store) => {
      const q = (sql: string) => store.read((c) => all(c, sql));
      return {
        municipalities: await q("SELECT municipality_id, name, name_key FROM municipalities ORDER BY 1"),
        schools: await q("SELECT directory_school_id, municipality_id, first_school_id, origin, created_upload_id FROM directory_schools ORDER BY 1"),
        spellings: await q("SELECT school_id, school_key FROM schools ORDER BY 1"),
        links: await q("SELECT school_id, directory_school_id, how FROM school_links ORDER BY 1, 2"),
        proposals: await q("SELECT school_id, candidate_id, similarity, upload_id FROM school_match_proposals ORDER BY 1")
      };
    };
    try {
      const singly = [];
      for (const p of prepared) singly.push(await storePrepared(one, p));
      const together = await storeBatch(many, prepared);
      expect(together).toEqual(singly);
      expect(together[1]!.issues.map((i) => i.kind)).toContain("directory/similar-name");
      const d = await directory(many);
      expect(d).toEqual(await directory(one));
      expect(d.proposals).toHaveLength(1);
      expect(d.proposals[0]!.upload_id).toBe(together[1]!.uploadId);
      expect(d.schools.map((s) => s.created_upload_id)).toEqual([together[0]!.uploadId, together[0]!.uploadId, together[1]!.uploadId, together[2]!.uploadId]);
      expect(await snapshot(many)).toEqual(await snapshot(one));
    } finally {
      await one.close();
      await many.close();
    }
  });

  it("a file whose storing fails is answered store-failed alone; the others are stored, nothing of it is", async () => {
    const prepared = await files();
    const broken = {...prepared[1]!, data: {form1: null}};
    const store = await Store.open(join(dir, "m.duckdb"));
    try {
      const out = await storeBatch(store, [prepared[0]!, broken, prepared[2]!]);
      expect(out.map((o) => o.status)).toEqual(["accepted", "rejected", "accepted"]);
      expect(out[1]).toMatchObject({uploadId: null, issues: [expect.objectContaining({kind: "file/store-failed"})]});
      const uploads = await store.read((c) => all<{file_name: string}>(c, "SELECT file_name FROM uploads ORDER BY upload_id"));
      expect(uploads.map((u) => u.file_name)).toEqual(["tarsky.xlsx", "tarsky-fix.xlsx"]);
      expect(out[2]!.replaces).toEqual([out[0]!.uploadId]);
      const rows = await store.read((c) => all<{n: number}>(c,
        "SELECT count(*)::INTEGER AS n FROM engagement WHERE upload_id NOT IN (SELECT upload_id FROM uploads)"));
      expect(rows[0]!.n).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("ingestFiles stores a folder a batch at a time, in order, and a file that throws while read is its own outcome", async () => {
    const store = await Store.open(join(dir, "m.duckdb"));
    try {
      const tarsky = await quarterFile(Q1, TARSKY_Q1);
      const seen: string[] = [];
      const out = await ingestFiles(store, [
        {name: "a.xlsx", read: async () => tarsky},
        {name: "b.xlsx", read: async () => { throw new RangeError("a cell quoted here"); }},
        {name: "c.xlsx", read: async () => quarterFile(Q1, OMSKY_Q1)}
      ], {}, {batchFiles: 2, onOutcome: (o, i) => seen.push(`${i}:${o.file}:${o.status}`)});
      expect(seen).toEqual(["0:a.xlsx:accepted", "1:b.xlsx:rejected", "2:c.xlsx:accepted"]);
      // A source that cannot be read (a file gone from disk, no permission) is «не удалось открыть»; its error text is never quoted.
      expect(out[1]!.issues.map((i) => i.kind)).toEqual(["file/unreadable"]);
      expect(out[1]!.issues[0]!.message).not.toContain("a cell quoted here");
    } finally {
      await store.close();
    }
  });
});

describe("bounded issues", () => {
  it("a quoted value is cut to 200 characters with «…», and the message quotes the cut value", () => {
    const huge = "много ".repeat(2000);
    const issue = toIssue({severity: "error", kind: "cell/not-a-number", file: "f.xlsx", sheet: "Лист1", row: 7, column: 4, value: huge,
      expected: "число наставников"});
    expect(issue.value).toBe(`${huge.slice(0, 199)}…`);
    expect(issue.message).toBe(`«${issue.value}» — не число: ожидается число наставников. Значение не учтено; впишите число цифрами.`);
    expect(boundText("короткий")).toBe("короткий");
    // A cut never splits a character made of two code units.
    expect(boundText("a".repeat(198) + "😀😀", 200)).toBe(`${"a".repeat(198)}…`);
  });

  it("at most maxIssues issues and maxIssueBytes bytes per file, then one summary issue", () => {
    const facts = Array.from({length: 50}, (_, i) => ({severity: "error" as const, kind: "cell/not-a-number" as const, file: "f.xlsx",
      row: i + 1, column: 2, value: "x".repeat(300), expected: "число"}));
    const byCount = capIssues(facts, "f.xlsx", {maxIssues: 10});
    expect(byCount).toHaveLength(11);
    expect(byCount.at(-1)).toMatchObject({kind: "file/too-many-issues", severity: "warning",
      message: "Замечаний слишком много: показаны первые 10 из 50. Исправьте их и загрузите файл снова."});
    const byBytes = capIssues(facts, "f.xlsx", {maxIssues: 1000, maxIssueBytes: 4000});
    const shown = byBytes.length - 1;
    expect(shown).toBeGreaterThan(3);
    expect(shown).toBeLessThan(10);
    expect(byBytes.at(-1)!.message).toBe(`Замечаний слишком много: показаны первые ${shown} из 50. Исправьте их и загрузите файл снова.`);
    expect(capIssues(facts.slice(0, 3), "f.xlsx", {maxIssues: 10})).toHaveLength(3);
  });
});
