// Quarterly reports, Forms 1–5 (seed 003): recognised by their headers, stored per school and
// period; a newer file for a school and period replaces only that school's data for that period
// (the school as the directory knows it, whatever spelling each file used). Several files of a
// batch are stored with shared appenders and one replacement query (issue 13 §5).
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, StoreContext, Stored} from "../fileKind.ts";
import {allPrepared} from "../../store/database.ts";
import {schoolKey, upsertSchoolsMany, type SchoolName} from "../../store/schools.ts";
import type {DirectoryNote} from "../../store/directory.ts";
import {directoryNoteIssues} from "../directory/notes.ts";
import {findTables, parseForms, type FormsData} from "./parseForms.ts";

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;
type Named = {municipality: string; school: string};

const nullable = (a: Appender, v: number | string | null, kind: "int" | "text") =>
  v === null ? a.appendNull() : kind === "int" ? a.appendInteger(v as number) : a.appendVarchar(v as string);

/** One file's rows through the batch's appenders. */
function appendFile(apps: Record<"periods" | "pop" | "eng" | "gaps" | "contacts", Appender>, uploadId: number, data: FormsData, idOf: (r: Named) => number) {
  const inForm1 = new Set(data.form1.map(idOf));
  // By id, not by name: the same name may be two schools in two districts.
  for (const id of new Set([...data.form1, ...data.engagement].map(idOf))) {
    apps.periods.appendInteger(uploadId); apps.periods.appendInteger(id); apps.periods.appendVarchar(data.period);
    apps.periods.appendBoolean(inForm1.has(id)); apps.periods.endRow();
  }
  for (const r of data.form1) {
    apps.pop.appendInteger(uploadId); apps.pop.appendInteger(idOf(r)); apps.pop.appendVarchar(data.period);
    for (const v of [r.students, r.teachers, r.youngTeachers]) nullable(apps.pop, v, "int");
    apps.pop.appendVarchar(r.sheet); apps.pop.appendInteger(r.row); apps.pop.endRow();
  }
  // One contact per school and upload: the first non-empty one of its Form 1 rows.
  const contacts = new Map<number, string>();
  for (const r of data.form1) if (r.contact && !contacts.has(idOf(r))) contacts.set(idOf(r), r.contact);
  for (const [id, contact] of contacts) {
    apps.contacts.appendInteger(uploadId); apps.contacts.appendInteger(id); apps.contacts.appendVarchar(data.period);
    apps.contacts.appendVarchar(contact); apps.contacts.endRow();
  }
  for (const r of data.engagement) {
    apps.eng.appendInteger(uploadId); apps.eng.appendInteger(idOf(r)); apps.eng.appendVarchar(data.period); apps.eng.appendSmallInt(r.form);
    nullable(apps.eng, r.programme, "text");
    for (const v of [r.mentors, r.mentees]) nullable(apps.eng, v, "int");
    nullable(apps.eng, r.result, "text");
    apps.eng.appendVarchar(r.sheet); apps.eng.appendInteger(r.row); apps.eng.endRow();
  }
  for (const g of data.gaps) {
    apps.gaps.appendInteger(uploadId);
    g.school === null ? apps.gaps.appendNull() : apps.gaps.appendInteger(idOf({municipality: g.municipality, school: g.school}));
    apps.gaps.appendVarchar(data.period); apps.gaps.appendVarchar(g.reason); apps.gaps.appendVarchar(g.sheet); apps.gaps.appendInteger(g.row);
    apps.gaps.endRow();
  }
}

/**
 * For each upload of the batch: the earlier live uploads that spoke about the same directory
 * schools and period (whatever spelling each used; an unlinked spelling stands for itself).
 * Reads the link table, not the views; one flat self-join (a plan a third of the cost of joining
 * two materialised subqueries), prepared once.
 */
async function replacedUploads(conn: DuckDBConnection, uploadIds: number[]): Promise<Map<number, number[]>> {
  const rows = await allPrepared<{upload_id: number; replaced: number}>(conn,
    `WITH schools_of AS (
       SELECT p.upload_id, p.period, coalesce(l.d, -p.school_id) AS d FROM school_periods p
       LEFT JOIN (SELECT school_id, arg_max(directory_school_id, link_id) AS d FROM school_links GROUP BY school_id) l USING (school_id))
     SELECT DISTINCT mine.upload_id, old.upload_id AS replaced FROM schools_of mine JOIN schools_of old USING (period, d)
     WHERE list_contains($u::INTEGER[], mine.upload_id) AND old.upload_id < mine.upload_id
       AND old.upload_id IN (SELECT upload_id FROM uploads WHERE undone_at IS NULL)`, {u: listValue(uploadIds)});
  const out = new Map<number, number[]>(uploadIds.map((u) => [u, []]));
  for (const r of rows) out.get(r.upload_id)!.push(r.replaced);
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/**
 * Stores the forms of several uploads at once (one file is a batch of one): the schools of each
 * file resolved against the directory (its notes are that file's issues), then shared appenders
 * and one replacement query for the whole batch.
 */
async function storeFormsMany(conn: DuckDBConnection, items: Array<{data: FormsData; context: StoreContext}>): Promise<Stored[]> {
  // Each (district, school) as written once: a file repeats its schools on every row, and the normalised key is the costly part.
  const pair = (r: Named) => `${r.municipality}\u0000${r.school}`;
  const files = items.map(({data, context: ctx}) => {
    const names = new Map<string, SchoolName>();
    for (const r of [...data.form1, ...data.engagement, ...data.gaps.filter((g) => g.school !== null) as Named[]]) {
      names.set(pair(r), {municipality: r.municipality, name: r.school});
    }
    return {names, notes: [] as DirectoryNote[], uploadId: ctx.uploadId};
  });
  // The schools of all files of the batch resolved against the directory together (as if one after another).
  const idsOf = await upsertSchoolsMany(conn, files.map((f) => ({schools: [...f.names.values()],
    context: {origin: "forms", uploadId: f.uploadId, notes: f.notes}})));
  const resolved = files.map(({names, notes}, k) => {
    const pairId = new Map([...names].map(([key, n]) => [key, idsOf[k]!.get(schoolKey(n))!]));
    return {idOf: (r: Named) => pairId.get(pair(r))!, notes};
  });
  const apps = {periods: await conn.createAppender("school_periods"), pop: await conn.createAppender("populations"),
    eng: await conn.createAppender("engagement"), gaps: await conn.createAppender("forms_gaps"),
    contacts: await conn.createAppender("school_contacts")};
  items.forEach(({data, context}, k) => appendFile(apps, context.uploadId, data, resolved[k]!.idOf));
  for (const a of Object.values(apps)) a.closeSync();
  const replaced = await replacedUploads(conn, items.map((i) => i.context.uploadId));
  return items.map(({data, context}, k) => {
    const schoolIds = new Map<string, number>();
    for (const r of [...data.form1, ...data.engagement]) schoolIds.set(r.school, resolved[k]!.idOf(r));
    return {schoolIds, replaces: replaced.get(context.uploadId)!, issues: directoryNoteIssues(resolved[k]!.notes, context.file, "forms")};
  });
}

export const formsKind: FileKind<FormsData> = {
  name: "forms",
  label: "квартальный отчёт по формам 1–5",
  detect(workbook) {
    const {tables, titles} = findTables(workbook);
    const known = tables.filter((t) => t.form !== null && (t.columns.students !== undefined || t.columns.programme !== undefined
      || t.columns.mentors !== undefined || t.columns.mentees !== undefined));
    if (known.length > 0) return 1;
    return titles.length > 0 && tables.length > 0 ? 0.5 : 0;
  },
  parse: parseForms,
  store: async (conn, data, context) => (await storeFormsMany(conn, [{data, context}]))[0]!,
  storeMany: storeFormsMany
};
