// Whose data a report is about (issue 15 §1 «every level», issue 16 §2 «scope enforced by the
// server»): the whole region, one municipality or one school, by the directory's ids
// (municipalities.municipality_id, the directory school's id — every spelling of a school resolves
// to it through school_directory). The server turns a session's scope into one of these; the CLI
// and the API take it as `--level`/`level=` with an id. A report given a scope filters in SQL and
// never returns rows of another school.

/** The part of the region a report covers. */
export type ReportScope =
  | {level: "region"}
  | {level: "municipality"; id: number}
  | {level: "school"; id: number};

/** Who reads the result: the service's own people (names where the page needs them), or management and the public (aggregates only: no names, no file names, no quoted cells, small groups hidden). */
export type Audience = "service" | "aggregate";

/** What a page or report is asked for: a part of the region, for a kind of reader. */
export interface View {
  scope: ReportScope;
  audience: Audience;
}

export const REGION: ReportScope = {level: "region"};

/** Whether `inner` lies within `outer` (a school within its municipality needs the school's municipality id). */
export function scopeContains(outer: ReportScope, inner: ReportScope, municipalityOfSchool: (schoolId: number) => number | null): boolean {
  if (outer.level === "region") return true;
  if (inner.level === "region") return false;
  if (outer.level === "school") return inner.level === "school" && inner.id === outer.id;
  if (inner.level === "municipality") return inner.id === outer.id;
  return municipalityOfSchool(inner.id) === outer.id;
}
