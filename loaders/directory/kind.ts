// The region's directory of schools as an input file: recognised by its headers (district, full or
// short name, and a short name, code or status), stored as the directory's facts (store/directory.ts).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, StoreContext, Stored} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import {importDirectory, type DirectoryNote} from "../../store/directory.ts";
import {directoryNoteIssues} from "./notes.ts";
import {detectDirectory, parseDirectory, type DirectoryData} from "./parse.ts";

async function storeDirectory(conn: DuckDBConnection, data: DirectoryData, ctx: StoreContext): Promise<Stored> {
  const notes: DirectoryNote[] = [];
  const result = await importDirectory(conn, data.rows, {origin: "directory", uploadId: ctx.uploadId, notes});
  const issues: IssueFacts[] = [...directoryNoteIssues(notes, ctx.file, "directory"),
    ...result.codeConflicts.map((c): IssueFacts => {
      const row = data.rows[c.index]!;
      return {severity: "warning", kind: "directory/code-conflict", file: ctx.file, sheet: row.sheet, row: row.row,
        school: row.shortName ?? row.fullName, value: row.code, details: {other: c.other}};
    })];
  return {issues};
}

export const directoryKind: FileKind<DirectoryData> = {
  name: "directory",
  label: "справочник школ региона",
  detect: detectDirectory,
  parse: parseDirectory,
  store: storeDirectory
};
