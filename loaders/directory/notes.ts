// What the directory noticed while a file's schools were stored (a name close to a known one, a
// school without a district …), as issues of that file: one per school, never one per row.
import type {DirectoryNote} from "../../store/directory.ts";
import type {IssueFacts} from "../issues.ts";

/**
 * `forms`: a school whose district cannot be told is left out of the sums (an error); for the other
 * kinds the file is kept and the school stored without a district (information).
 */
export function directoryNoteIssues(notes: DirectoryNote[], file: string, kind: string): IssueFacts[] {
  return notes.map((n): IssueFacts => {
    switch (n.kind) {
      case "similar":
        return {severity: "warning", kind: "directory/similar-name", file, school: n.name,
          details: {municipality: n.municipality, candidate: n.candidate, proposal: n.proposalId}};
      case "ambiguous":
        return {severity: "error", kind: "directory/ambiguous-school", file, school: n.name, details: {municipalities: n.municipalities}};
      case "no-municipality":
        return {severity: kind === "forms" ? "error" : "info", kind: "directory/no-municipality", file, school: n.name,
          details: {counted: kind !== "forms"}};
    }
  });
}
