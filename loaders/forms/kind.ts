// Quarterly reports, Forms 1–5 (seed 003): recognised by their headers, stored per school and
// period; a newer file for a school and period replaces only that school's data for that period.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, StoreContext, Stored} from "../fileKind.ts";
import {all} from "../../store/database.ts";
import {schoolKey, upsertSchools} from "../../store/schools.ts";
import {findTables, parseForms, type FormsData} from "./parseForms.ts";

/**
 * Stores the forms of several uploads at once (one file is a batch of one): one look-up and one
 * insert of schools, three appenders and one replacement query for the whole batch.
 */
async function storeFormsMany(conn: DuckDBConnection, items: Array<{data: FormsData; context: StoreContext}>): Promise<Stored[]> {
  // Each (district, school) as written once: a file repeats its schools on every row, and the
  // normalised key is the costly part.
  const pairId = new Map<string, number>();
  const pair = (r: {municipality: string; school: string}) => `${r.municipality}\u0000${r.school}`;
  const names = new Map<string, {municipality: string; name: string}>();
  for (const {data} of items) for (const r of [...data.form1, ...data.engagement]) names.set(pair(r), {municipality: r.municipality, name: r.school});
  const ids = await upsertSchools(conn, [...names.values()]);
  for (const [k, n] of names) pairId.set(k, ids.get(schoolKey(n))!);
  const idOf = (r: {municipality: string; school: string}) => pairId.get(pair(r))!;

  const periods = await conn.createAppender("school_periods");
  const pop = await conn.createAppender("populations");
  const eng = await conn.createAppender("engagement");
  const schoolIdsOf = items.map(({data, context: ctx}) => {
    const inForm1 = new Set(data.form1.map(idOf));
    const schoolIds = new Map<string, number>();
    for (const r of [...data.form1, ...data.engagement]) schoolIds.set(r.school, idOf(r));
    for (const id of new Set(schoolIds.values())) {
      periods.appendInteger(ctx.uploadId); periods.appendInteger(id); periods.appendVarchar(data.period);
      periods.appendBoolean(inForm1.has(id)); periods.endRow();
    }
    for (const r of data.form1) {
      pop.appendInteger(ctx.uploadId); pop.appendInteger(idOf(r)); pop.appendVarchar(data.period);
      for (const v of [r.students, r.teachers, r.youngTeachers]) v === null ? pop.appendNull() : pop.appendInteger(v);
      pop.appendVarchar(r.sheet); pop.appendInteger(r.row); pop.endRow();
    }
    for (const r of data.engagement) {
      eng.appendInteger(ctx.uploadId); eng.appendInteger(idOf(r)); eng.appendVarchar(data.period); eng.appendSmallInt(r.form);
      r.programme === null ? eng.appendNull() : eng.appendVarchar(r.programme);
      r.mentors === null ? eng.appendNull() : eng.appendInteger(r.mentors);
      r.mentees === null ? eng.appendNull() : eng.appendInteger(r.mentees);
      r.result === null ? eng.appendNull() : eng.appendVarchar(r.result);
      eng.appendVarchar(r.sheet); eng.appendInteger(r.row); eng.endRow();
    }
    return schoolIds;
  });
  periods.closeSync();
  pop.closeSync();
  eng.closeSync();

  // For each upload of the batch: the earlier live uploads that spoke about one of its (school, period).
  const replaced = await all<{upload_id: number; replaced: number}>(conn,
    `SELECT DISTINCT new.upload_id, old.upload_id AS replaced FROM school_periods new
     JOIN school_periods old ON old.school_id = new.school_id AND old.period = new.period AND old.upload_id < new.upload_id
     JOIN uploads u ON u.upload_id = old.upload_id AND u.undone_at IS NULL
     WHERE list_contains($u, new.upload_id) ORDER BY 1, 2`, {u: listValue(items.map((i) => i.context.uploadId))});
  return items.map(({context}, k) => ({schoolIds: schoolIdsOf[k]!,
    replaces: replaced.filter((r) => r.upload_id === context.uploadId).map((r) => r.replaced)}));
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
