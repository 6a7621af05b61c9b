// Quarterly reports, Forms 1–5 (seed 003): recognised by their headers, stored per school and
// period; a newer file for a school and period replaces only that school's data for that period
// (the school as the directory knows it, whatever spelling each file used). A few statements per
// file: one look-up of the schools, appenders for the rows, one query for what is replaced.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, StoreContext, Stored} from "../fileKind.ts";
import {all as rowsOf} from "../../store/database.ts";
import {schoolKey, upsertSchools} from "../../store/schools.ts";
import type {DirectoryNote} from "../../store/directory.ts";
import {directoryNoteIssues} from "../directory/notes.ts";
import {findTables, parseForms, type FormsData} from "./parseForms.ts";

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

const nullable = (a: Appender, v: number | string | null, kind: "int" | "text") =>
  v === null ? a.appendNull() : kind === "int" ? a.appendInteger(v as number) : a.appendVarchar(v as string);

async function appendSchoolPeriods(conn: DuckDBConnection, uploadId: number, period: string, schoolIds: Iterable<number>, inForm1: Set<number>) {
  const a = await conn.createAppender("school_periods");
  for (const id of schoolIds) {
    a.appendInteger(uploadId); a.appendInteger(id); a.appendVarchar(period); a.appendBoolean(inForm1.has(id)); a.endRow();
  }
  a.closeSync();
}

async function appendPopulations(conn: DuckDBConnection, uploadId: number, data: FormsData, idOf: (r: {municipality: string; school: string}) => number) {
  const a = await conn.createAppender("populations");
  for (const r of data.form1) {
    a.appendInteger(uploadId); a.appendInteger(idOf(r)); a.appendVarchar(data.period);
    for (const v of [r.students, r.teachers, r.youngTeachers]) nullable(a, v, "int");
    a.appendVarchar(r.sheet); a.appendInteger(r.row); a.endRow();
  }
  a.closeSync();
}

async function appendEngagement(conn: DuckDBConnection, uploadId: number, data: FormsData, idOf: (r: {municipality: string; school: string}) => number) {
  const a = await conn.createAppender("engagement");
  for (const r of data.engagement) {
    a.appendInteger(uploadId); a.appendInteger(idOf(r)); a.appendVarchar(data.period); a.appendSmallInt(r.form);
    nullable(a, r.programme, "text");
    for (const v of [r.mentors, r.mentees]) nullable(a, v, "int");
    nullable(a, r.result, "text");
    a.appendVarchar(r.sheet); a.appendInteger(r.row); a.endRow();
  }
  a.closeSync();
}

async function appendGaps(conn: DuckDBConnection, uploadId: number, data: FormsData, idOf: (r: {municipality: string; school: string}) => number) {
  if (!data.gaps.length) return;
  const a = await conn.createAppender("forms_gaps");
  for (const g of data.gaps) {
    a.appendInteger(uploadId);
    g.school === null ? a.appendNull() : a.appendInteger(idOf({municipality: g.municipality, school: g.school}));
    a.appendVarchar(data.period); a.appendVarchar(g.reason); a.appendVarchar(g.sheet); a.appendInteger(g.row); a.endRow();
  }
  a.closeSync();
}

/**
 * Earlier live uploads that spoke about the same directory schools and period (whatever spelling
 * each used). Reads the link table, not the views: one small statement per file.
 */
async function replacedUploads(conn: DuckDBConnection, uploadId: number): Promise<number[]> {
  return (await rowsOf<{upload_id: number}>(conn,
    `WITH mine AS (SELECT school_id, period FROM school_periods WHERE upload_id = $u),
     links AS (SELECT school_id, arg_max(directory_school_id, link_id) AS d FROM school_links GROUP BY school_id),
     my AS (SELECT m.period, coalesce(l.d, -m.school_id) AS d FROM mine m LEFT JOIN links l USING (school_id))
     SELECT DISTINCT old.upload_id FROM school_periods old LEFT JOIN links l USING (school_id)
     JOIN my ON my.period = old.period AND my.d = coalesce(l.d, -old.school_id)
     JOIN uploads u ON u.upload_id = old.upload_id AND u.undone_at IS NULL
     WHERE old.upload_id < $u ORDER BY 1`, {u: uploadId})).map((r) => r.upload_id);
}

async function storeForms(conn: DuckDBConnection, data: FormsData, ctx: StoreContext): Promise<Stored> {
  const notes: DirectoryNote[] = [];
  const named = [...data.form1, ...data.engagement, ...data.gaps.filter((g) => g.school !== null) as Array<{municipality: string; school: string}>];
  const ids = await upsertSchools(conn, named.map((r) => ({municipality: r.municipality, name: r.school})),
    {origin: "forms", uploadId: ctx.uploadId, notes});
  const idOf = (r: {municipality: string; school: string}) => ids.get(schoolKey({municipality: r.municipality, name: r.school}))!;
  const schoolIds = new Map<string, number>();
  for (const r of [...data.form1, ...data.engagement]) schoolIds.set(r.school, idOf(r));
  // By id, not by name: the same name may be two schools in two districts.
  const all = new Set([...data.form1, ...data.engagement].map(idOf));
  await appendSchoolPeriods(conn, ctx.uploadId, data.period, all, new Set(data.form1.map(idOf)));
  await appendPopulations(conn, ctx.uploadId, data, idOf);
  await appendEngagement(conn, ctx.uploadId, data, idOf);
  await appendGaps(conn, ctx.uploadId, data, idOf);
  return {schoolIds, replaces: await replacedUploads(conn, ctx.uploadId), issues: directoryNoteIssues(notes, ctx.file, "forms")};
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
  store: storeForms
};
