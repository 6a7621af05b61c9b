import {describe, expect, it} from "vitest";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {all, Store} from "../../../store/database.ts";
import {MENTEE_HEADERS, MENTOR_HEADERS, registryXlsx, utc} from "./fixtures.ts";

const TITLES = ["База наставляемых", "МБОУ \"Саргатская СОШ № 1\", Саргатский муниципальный район"];
const row = (n: number, mentee: string, start: Date | string, mentor: string, end: Date | string | null = null) =>
  [n, mentee, "8-900-000-00-0" + n, 1998, "", start, mentor, "учитель – учитель", "", end, "", "", ""];

describe("storing registries", () => {
  it("keeps names only in registry_people, links both bases by surname and initials, and replaces a school's base on re-load", async () => {
    const store = await Store.open(":memory:");
    const mentees1 = await registryXlsx({titles: TITLES, headers: MENTEE_HEADERS, rows: [
      row(1, "Петрова Мария Ивановна", utc(2025, 9, 1), "Иванова Анна Андреевна"),
      row(2, "Сидоров Олег Петрович", "01.09.2025", "Иванова А.А.")]});
    const first = await ingestBytes(store, "mentees.xlsx", mentees1);
    expect(first).toMatchObject({status: "accepted", kind: "registry-mentees", replaces: [], stats: {rows: 2, pairs: 2, mentors: 1, mentees: 2}});

    const mentors = await registryXlsx({titles: ["База наставников", "МБОУ «Саргатская СОШ №1», Саргатский район"], headers: MENTOR_HEADERS,
      rows: [[1, "ИВАНОВА Анна Андреевна", "", "", "", "", "", "", "", "01.09.2025", "Петрова М. И.; Кузнецова Е. В.", "учитель-учитель", "", "", "", ""]]});
    const second = await ingestBytes(store, "mentors.xlsx", mentors);
    expect(second).toMatchObject({status: "accepted", kind: "registry-mentors", replaces: []});

    const people = await store.read((c) => all<{person_id: number; person_key: string; full_name: string; contacts: string | null}>(c,
      "SELECT person_id, person_key, full_name, contacts FROM registry_people ORDER BY person_id"));
    expect(people.map((p) => [p.person_key, p.full_name])).toEqual([
      ["петрова м и", "Петрова Мария Ивановна"], ["иванова а а", "Иванова Анна Андреевна"],
      ["сидоров о п", "Сидоров Олег Петрович"], ["кузнецова е в", "Кузнецова Е. В."]]);
    const ids = Object.fromEntries(people.map((p) => [p.person_key, p.person_id]));

    // One school for both files, however the title spells it.
    const schools = await store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM schools"));
    expect(schools[0]!.n).toBe(1);
    // No table but registry_people holds a name.
    const columns = await store.read((c) => all<{table_name: string; column_name: string}>(c,
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_name LIKE 'registry%' OR table_name LIKE 'current_registry%'`));
    expect(columns.filter((c) => /name|contact|birth/.test(c.column_name)).map((c) => `${c.table_name}.${c.column_name}`).sort())
      .toEqual(["registry_people.birth_year", "registry_people.contacts", "registry_people.full_name"]);

    const mentees2 = await registryXlsx({titles: TITLES, headers: MENTEE_HEADERS, rows: [
      row(1, "Петрова Мария Ивановна", "01.09.2025", "Иванова А. А.", "31.05.2026")]});
    const third = await ingestBytes(store, "mentees-v2.xlsx", mentees2);
    expect(third.replaces).toEqual([first.uploadId]);
    const current = await store.read((c) => all<{base: string; mentor_id: number; mentee_id: number; end_date: string | null}>(c,
      "SELECT base, mentor_id, mentee_id, CAST(end_date AS VARCHAR) AS end_date FROM current_registry_entries ORDER BY base, mentee_id"));
    expect(current).toEqual([
      {base: "mentees", mentor_id: ids["иванова а а"], mentee_id: ids["петрова м и"], end_date: "2026-05-31"},
      {base: "mentors", mentor_id: ids["иванова а а"], mentee_id: ids["петрова м и"], end_date: null},
      {base: "mentors", mentor_id: ids["иванова а а"], mentee_id: ids["кузнецова е в"], end_date: null}]);
    // Nothing is lost: the first load's rows are still there.
    const total = await store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM registry_entries"));
    expect(total[0]!.n).toBe(5);

    // Undoing the re-load makes the first load current again.
    await store.write((c) => c.run("UPDATE uploads SET undone_at = current_timestamp WHERE upload_id = $u", {u: third.uploadId!}));
    const back = await store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM current_registry_entries WHERE base = 'mentees'"));
    expect(back[0]!.n).toBe(2);
    await store.close();
  });

  it("a registry without a district is tied to the known school of that name", async () => {
    const store = await Store.open(":memory:");
    await store.write((c) => c.run("INSERT INTO schools (school_key, municipality, name) VALUES ('тарский|мкоу \"тарская оош № 5\"', 'Тарский', 'МКОУ \"Тарская ООШ № 5\"')"));
    const bytes = await registryXlsx({titles: ["База наставляемых МКОУ «Тарская ООШ № 5»"], headers: MENTEE_HEADERS,
      rows: [row(1, "Громов Степан Ильич", "01.09.2025", "Алексеева Г. П.")]});
    const o = await ingestBytes(store, "t.xlsx", bytes);
    expect(o.issues.map((i) => i.kind)).toEqual(["registry/municipality-unknown"]);
    const rows = await store.read((c) => all<{municipality: string; n: number}>(c,
      "SELECT s.municipality, count(*)::INTEGER AS n FROM registry_entries JOIN schools s USING (school_id) GROUP BY ALL"));
    expect(rows).toEqual([{municipality: "Тарский", n: 1}]);
    await store.close();
  });
});
