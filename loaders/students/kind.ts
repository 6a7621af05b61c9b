// Students' results of the teachers (issue 14 §4): stored per school and school year.
import type {DuckDBConnection} from "@duckdb/node-api";
import {all} from "../../store/database.ts";
import type {FileKind, StoreContext, Stored} from "../fileKind.ts";
import {resolvePeople} from "../routes/people.ts";
import {parseStudentResults, resultTables, type StudentResultsData} from "./parse.ts";

async function storeStudentResults(conn: DuckDBConnection, data: StudentResultsData, context: StoreContext): Promise<Stored> {
  const people = await resolvePeople(conn, data.rows, context.uploadId);
  const a = await conn.createAppender("student_results");
  const int = (v: number | null) => (v === null ? a.appendNull() : a.appendInteger(v));
  data.rows.forEach((r, i) => {
    a.appendInteger(context.uploadId); a.appendInteger(i + 1); a.appendInteger(people.personIds[i]!); a.appendInteger(people.schoolIds[i]!);
    a.appendInteger(r.year); a.appendVarchar(r.className); a.appendVarchar(r.subject); int(r.students);
    int(r.counts.vprTaken); int(r.counts.vprPassed); int(r.counts.ogeTaken); int(r.counts.ogePassed);
    int(r.counts.egeTaken); int(r.counts.egePassed);
    r.meanGrade === null ? a.appendNull() : a.appendDouble(r.meanGrade);
    int(r.counts.olympiadParticipants); int(r.counts.olympiadWinners);
    a.appendVarchar(r.sheet); a.appendInteger(r.row);
    a.endRow();
  });
  a.closeSync();
  // Earlier uploads of the same schools and years: this one now stands for them.
  const replaced = await all<{upload_id: number}>(conn, `
    SELECT DISTINCT o.upload_id FROM student_results o JOIN uploads u USING (upload_id)
    JOIN (SELECT DISTINCT school_id, year FROM student_results WHERE upload_id = $u) n USING (school_id, year)
    WHERE u.undone_at IS NULL AND o.upload_id < $u ORDER BY 1`, {u: context.uploadId});
  return {schoolIds: people.bySchoolName, replaces: replaced.map((r) => r.upload_id),
    issues: people.noMunicipality ? [{file: context.file, severity: "info", kind: "students/no-municipality", details: {rows: people.noMunicipality}}] : []};
}

export const studentResultsKind: FileKind<StudentResultsData> = {
  name: "student-results",
  label: "результаты обучающихся педагогов (ВПР, ОГЭ, ЕГЭ, олимпиады)",
  detect: (workbook) => (resultTables(workbook).length ? 0.85 : 0),
  parse: parseStudentResults,
  store: storeStudentResults
};

export const studentKinds: FileKind<any>[] = [studentResultsKind];
