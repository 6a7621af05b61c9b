// The registry of issue kinds (STYLE.md «Ingestion», after Frictionless's error classes): every kind
// a loader, the server or a report may raise, with the details its Russian wording and any other
// reader of the facts use. `IssueFacts<K>` (loaders/issues.ts) takes its details from here, and the
// wordings (loaders/messages/*.ts) are a mapped type over these keys, so an unknown kind, a wrong
// detail or a kind without wording fails `tsc`.
//
// To add a kind: add it to its area's interface below, then its wording in loaders/messages/<area>.ts
// (tsc says where), then a sample in tests/loaders/issueKinds.test.ts. The areas follow the message
// modules, one interface per module.
import type {TooLargeWhat} from "./xlsx/sheetBuilder.ts";

/** A kind with no details: the place, the value and what was expected say it all. */
export type NoDetails = Record<string, never>;

/** Whole-file problems found by the readers before any form is recognised (messages/file.ts). */
export interface FileIssueDetails {
  "file/empty": NoDetails;
  "file/too-large": {bytes: number; limit: number};
  /** `format`: xls, xlsx, ods or zip (the wording names it). */
  "file/encrypted": {format: string};
  /** `looksLike`: what the bytes are instead (pdf, html, docx … or unknown). */
  "file/not-spreadsheet": {looksLike: string};
  "file/xls-unsupported": {version: string};
  /** `unexpected`: the reader hit a value no code path expected (the fuzz tests look for it). */
  "file/corrupt": {reason: string; unexpected?: boolean};
  "file/zip-bomb": {reason: string};
  "file/xml-doctype": NoDetails;
  /** `sheet` is "" when the whole file is over the limit. */
  "file/sheet-too-large": {sheet: string; limit: number; what: TooLargeWhat};
  /** `kinds`: the labels of the forms we accept. */
  "file/unknown-format": {sheets: string[]; kinds: string[]};
  "file/too-many-issues": {shown: number; total: number};
}

/** The quarterly forms 1–5 (messages/forms.ts). `form` is the form's number, 1–5. */
export interface FormsIssueDetails {
  "forms/no-tables": NoDetails;
  "file/no-period": NoDetails;
  "file/period-conflict": {periods: string[]; first: string};
  "file/period-option-ignored": {option: string; period: string};
  "table/form-unknown": NoDetails;
  /** `field`: students, teachers, youngTeachers, mentors or mentees; `computed` is the block's sum. */
  "table/total-mismatch": {form: number; field: string; stated: number; computed: number | undefined};
  "table/total-unreadable": {form: number};
  "table/total-not-calculated": {form: number};
  "cell/empty-count": NoDetails;
  "cell/not-a-number": NoDetails;
  "cell/ambiguous-count": NoDetails;
  "cell/negative-count": NoDetails;
  "cell/fractional-count": NoDetails;
  "cell/formula-no-result": NoDetails;
  "cell/excel-error": NoDetails;
  "cell/dash-as-zero": NoDetails;
  "cell/unread": NoDetails;
  /** `rows`: rows without a school, from this one on. */
  "row/no-school": {form: number; rows: number};
  /** Worded but raised by no loader today (directory/no-municipality took its place). */
  "row/no-municipality": NoDetails;
  "school/duplicate-in-form1": NoDetails;
  /** `similar`: a form-1 school with a close name, if any. */
  "school/missing-from-form1": {form: number; similar: string | null};
  "engagement/over-population": {who: "students" | "teachers"; engaged: number; population: number};
  "school/no-engagement": {period: string};
}

/** Teachers' competence diagnostics (messages/diagnostics.ts). `area` is the area's label. */
export interface DiagnosticsIssueDetails {
  /** `areas`: the labels of the competence areas the table should have. */
  "diagnostics/no-table": {areas: string[]};
  /** `sheets`: the sheets whose school year is unknown. */
  "diagnostics/no-school-year": {sheets: string[]};
  "diagnostics/no-rows": NoDetails;
  "diagnostics/no-school-column": NoDetails;
  "diagnostics/no-municipality-column": NoDetails;
  "diagnostics/no-wave": {rows: number};
  /** `stated` (in the file) and `given` (at upload): entry or exit. */
  "diagnostics/wave-conflict": {stated: string; given: string};
  "diagnostics/unknown-wave": NoDetails;
  "diagnostics/no-name": NoDetails;
  "diagnostics/no-school": NoDetails;
  "diagnostics/no-results": NoDetails;
  /** `deficit`: the column holds the deficit (100 − result), not the result. */
  "diagnostics/not-a-percent": {area: string; deficit: boolean};
  "diagnostics/out-of-range": {area: string; deficit: boolean};
  "diagnostics/formula-no-result": {area: string; deficit: boolean};
  "diagnostics/excel-error": {area: string; deficit: boolean};
  "diagnostics/deficit-result-mismatch": {area: string; deficit: number; result: number};
  "diagnostics/read-as-share": NoDetails;
  "diagnostics/duplicate-area-column": {area: string};
  /** `namesakes`: teachers of the same name already stored in the school. */
  "diagnostics/ambiguous-stored-teacher": {namesakes: number};
  /** `rows`: the other rows, as the wording quotes them («12», «14 (лист «…»)»). */
  "diagnostics/ambiguous-teacher": {rows: string[]};
}

/** Mentee and mentor bases (messages/registries.ts). `base` is mentees or mentors. */
export interface RegistriesIssueDetails {
  "registry/no-table": NoDetails;
  "registry/no-school": NoDetails;
  "registry/school-from-column": {school: string};
  "registry/municipality-unknown": {school: string | null};
  "registry/missing-name": {base: "mentees" | "mentors"};
  "registry/name-unreadable": NoDetails;
  /** `field`: start, end, workStart or appointed; `reason`: why parseDate refused the cell. */
  "registry/date-unreadable": {field: string; reason: string};
  /** Dates as the wording quotes them (дд.мм.гггг). */
  "registry/end-before-start": {start: string; end: string};
  "registry/start-missing": NoDetails;
  "registry/form-unknown": NoDetails;
  "registry/completion-unreadable": NoDetails;
  "registry/birth-year-unreadable": NoDetails;
  "registry/duplicate-pair": {firstRow: number; base: "mentees" | "mentors"};
  "registry/month-only-date": {field: string};
}

/** Questionnaires, staff rosters and indicator tables (messages/effectiveness.ts). */
export interface EffectivenessIssueDetails {
  "questionnaire/no-header": NoDetails;
  "questionnaire/no-respondents": NoDetails;
  "questionnaire/unknown-role": NoDetails;
  "questionnaire/no-role": NoDetails;
  "questionnaire/unknown-wave": NoDetails;
  "questionnaire/wave-unknown": NoDetails;
  "questionnaire/not-a-rating": {question: string};
  "questionnaire/duplicate-respondent": {earlierRow: number};
  "roster/no-header": NoDetails;
  "roster/no-year": NoDetails;
  "roster/no-school": {rows: number};
  "roster/no-teachers": NoDetails;
  "roster/no-hire-date": NoDetails;
  "roster/bad-date": NoDetails;
  /** Dates as ISO text. */
  "roster/left-before-hired": {hired: string};
  "roster/left-after-as-of": {asOf: string};
  "roster/bad-experience": NoDetails;
  "roster/duplicate-teacher": {earlierRow: number};
  "indicators/no-header": NoDetails;
  "indicators/no-rows": NoDetails;
  "indicators/no-school": {rows: number};
  "indicators/no-year": {rows: number};
  "indicators/bad-year": NoDetails;
  "indicators/bad-count": {indicator: string};
  "indicators/count-exceeds-total": {indicator: string; total: number};
  "indicators/zero-total": {indicator: string};
  "indicators/bad-target": NoDetails;
}

/** Problems the local server finds itself (messages/server.ts). */
export interface ServerIssueDetails {
  /** `limit`: bytes. */
  "upload/too-large": {limit: number};
  "upload/too-many-files": {limit: number};
  "file/parse-timeout": {seconds: number};
  /** The parse child died with the file in hand. */
  "file/too-complex": {reason: "memory" | "killed" | "crashed"};
  "file/store-failed": NoDetails;
}

/** The directory of schools and the schools named by a file (messages/directory.ts). */
export interface DirectoryIssueDetails {
  "directory/no-table": NoDetails;
  "directory/no-rows": NoDetails;
  "directory/no-name": NoDetails;
  /**
   * Raised by the directory file (`rows` without a district, from this row on) or by storing any
   * file's schools (`counted`: whether the school still counts, false for the forms).
   */
  "directory/no-municipality": {rows: number} | {counted: boolean};
  "directory/ambiguous-school": {municipalities: string[]};
  /** `proposal`: the id to confirm with `mentoring directory confirm`. */
  "directory/similar-name": {municipality: string; candidate: string; proposal: number};
  "directory/bad-status": NoDetails;
  "directory/duplicate-row": {earlierRow: number};
  /** `other`: the school that already has the code. */
  "directory/code-conflict": {other: string};
  "school/spelling-unified": {form: number};
  /** `chosen`: the school chosen at upload. */
  /** `locked`: the school is the uploader's own (a school's account): the file is refused, and `municipality` is the file's. */
  "school/option-differs": {chosen: string; locked?: boolean; municipality?: string};
}

/** Settings uploaded as XLSX (messages/settings.ts). `setting` is the setting's label. */
export interface SettingsIssueDetails {
  "settings/no-table": NoDetails;
  /** `header`: the column's header, null for a whole row; `problem`: zod's message. */
  "settings/invalid": {setting: string; header: string | null; problem: string};
  "settings/not-a-number": {setting: string; header: string | null};
  "settings/unknown-code": {setting: string; header: string | null};
  "settings/unknown-word": {setting: string; header: string | null};
  /** `table`: the table's name; `first`: the sheet that already holds it. */
  "settings/duplicate-table": {table: string; first: string};
  "settings/unchanged": {setting: string; sheets: string[]; rows: number};
  "settings/new-version": {setting: string; sheets: string[]; rows: number};
}

/** A file the program could not finish reading (messages/failures.ts). */
export interface FailuresIssueDetails {
  /** `error`: the error's name only (its message may quote a cell). */
  "file/parse-failed": {error?: string; reason?: "memory" | "error" | "unavailable"};
  /** `code`: the system error code (ENOENT …). */
  "file/unreadable": {code: string | null};
}

/** Routes (ИОМ), the catalogue of activities and students' results (messages/routes.ts). */
export interface RoutesIssueDetails {
  "catalogue/no-table": NoDetails;
  "catalogue/no-rows": NoDetails;
  /** `areas`: the labels of the competence areas. */
  "catalogue/no-areas": {areas: string[]};
  "catalogue/bad-hours": NoDetails;
  /** `reason`: not-a-date, end-before-start or no-year. */
  "catalogue/bad-dates": {reason: string};
  "routes/no-table": NoDetails;
  "routes/no-routes": NoDetails;
  "routes/no-teacher": NoDetails;
  "routes/no-school": {teacher: string};
  "routes/no-activities": NoDetails;
  "routes/bad-hours": NoDetails;
  "routes/bad-dates": {reason: string};
  "routes/planned-no-year": {reason: string};
  "routes/mark-unreadable": NoDetails;
  "routes/deficits-unmatched": {areas: string[]};
  /** `earlier`: the earlier row, as the wording quotes it. */
  "routes/duplicate-teacher": {earlier: string};
  "routes/no-municipality": {rows: number};
  "students/no-table": NoDetails;
  "students/no-rows": NoDetails;
  "students/no-year": NoDetails;
  "students/bad-year": NoDetails;
  "students/no-teacher": NoDetails;
  "students/no-school": NoDetails;
  /** `label`: the result's column as the wording names it (ВПР, ОГЭ …). */
  "students/not-a-count": {label: string};
  "students/bad-grade": NoDetails;
  "students/passed-over-taken": {label: string; taken: number};
  "students/passed-without-taken": {label: string};
  "students/taken-over-class": {label: string; students: number};
  "students/no-results": NoDetails;
  "students/duplicate-row": {earlier: number};
  "students/no-municipality": {rows: number};
}

/** What the server says to a school uploading her own files. */
export interface SchoolsIssueDetails {
  /** A kind of file her role may not upload: its label and what she may upload. */
  "upload/kind-not-allowed": {label: string; allowed: string};
  /**
   * A file of a school or municipality outside the uploader's scope (her municipality, her school):
   * `own` is her scope's name; the issue's `school` is the school the file names (null: it names none),
   * `municipality` the district written next to it.
   */
  "upload/outside-scope": {level: "school" | "municipality"; own: string; municipality: string | null};
}

/** Every issue kind → its details. */
export interface IssueDetails extends FileIssueDetails, FormsIssueDetails, DiagnosticsIssueDetails,
  RegistriesIssueDetails, EffectivenessIssueDetails, ServerIssueDetails, DirectoryIssueDetails,
  SettingsIssueDetails, FailuresIssueDetails, RoutesIssueDetails, SchoolsIssueDetails {}

/** Every issue kind, e.g. `table/total-mismatch`. */
export type IssueKind = keyof IssueDetails;
