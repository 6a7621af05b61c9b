// The contract every kind of input file fulfils (quarterly forms, diagnostics, registries,
// questionnaires, rosters, indicator tables): recognise a workbook by its headers, parse it into
// data and issues without I/O, then store that data inside the file's transaction.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {IssueFacts} from "./issues.ts";
import type {Workbook} from "./xlsx/workbook.ts";
import type {Settings} from "../settings/index.ts";
import type {NamedSchool, ScopeLock} from "./ownScope.ts";

export interface IngestOptions {
  /** YYYY-QN, used where the file does not name its quarter. */
  period?: string;
  /** entry | exit, for diagnostics files that do not say which wave they are. */
  wave?: string;
  /**
   * The school the file is for, chosen at upload (CLI --school, the upload page's picker): used
   * where the file names no school; `id` is its directory id when it was chosen from the directory.
   */
  school?: {name: string; municipality: string; id?: number;
    /**
     * The school is the uploader's own (a school representative's scope, forced by the server):
     * a quarterly report that names any other school is refused (`school/option-differs` as an
     * error). `aliases` are the other names the school is known by.
     */
    locked?: boolean; aliases?: string[]};
  /**
   * The uploader's scope (a municipal curator's municipality, a school's account's school; forced by
   * the server): a file that names a school outside it is refused (loaders/ownScope.ts).
   */
  scopeLock?: ScopeLock;
  /** The school year (numbered by the year it ends in: 2026 = 2025/26) of diagnostics files that do not name theirs. */
  schoolYear?: number;
  /**
   * The effective settings (settings/load.ts), loaded once by the entry point and passed down:
   * the competence areas diagnostics files are read by, the current values a settings upload
   * replaces. Plain data, so it travels to parsing workers. Entry points always pass them;
   * without them (tests, benchmarks) the project's settings files apply.
   */
  settings?: Settings;
}

export interface ParseContext extends IngestOptions {
  /** The file's name as the person sent it (never a path with personal folders). */
  file: string;
  settings: Settings;
}

export interface Parsed<D> {
  /** Nothing can be stored (no table found, no period …): the file is rejected. */
  rejected: boolean;
  issues: IssueFacts[];
  data: D;
  /** YYYY-QN when the file is about one quarter. */
  period?: string | null;
  /** Counts to show on the file's line: {schools: 12, rows: 40}. */
  stats?: Record<string, number>;
  /**
   * For a rejected file: the period and schools it was for, as far as it tells (they count against
   * that period's completeness until the file is replaced or dismissed).
   */
  claims?: Claims;
}

export interface Claims {
  period: string | null;
  /**
   * The file is refused for being another school's than the uploader's own: it links the upload to
   * her school (her history lists it) but counts against no quarter's completeness.
   */
  noPeriod?: boolean;
  schools: Array<{municipality: string; name: string}>;
}

export interface StoreContext {
  uploadId: number;
  file: string;
}

export interface Stored {
  /** School names as they appear in issues → school_id, so issues link to their school. */
  schoolIds?: Map<string, number>;
  /** Earlier uploads whose data (for some school, period, wave …) this one now replaces. */
  replaces?: number[];
  /** Problems only the stored data reveals (a namesake already in the database …). */
  issues?: IssueFacts[];
}

export interface FileKind<D = unknown> {
  /** Stored in uploads.kind: forms | diagnostics | registry | questionnaire | roster | indicators. */
  name: string;
  /** Russian name of the kind, for messages: «квартальный отчёт (формы 1–5)». */
  label: string;
  /** How strongly a workbook looks like this kind, 0 (not at all) to 1. */
  detect(workbook: Workbook, context: ParseContext): number;
  parse(workbook: Workbook, context: ParseContext): Parsed<D>;
  store(conn: DuckDBConnection, data: D, context: StoreContext): Promise<Stored | void>;
  /**
   * Optional: stores several files of this kind (in upload order) inside one transaction with a
   * few set-based statements instead of a few per file (issue 13 §5). Same result as calling
   * `store` for each in turn; one Stored per item, in order.
   */
  storeMany?(conn: DuckDBConnection, items: Array<{data: D; context: StoreContext}>): Promise<Array<Stored | void>>;
  /**
   * The schools a parsed file names (each row's or the title's, with the district written next to
   * it), for uploads locked to a scope (loaders/ownScope.ts). A kind without it cannot be uploaded
   * from an account below the region, except quarterly reports, which check their school themselves.
   */
  schoolsNamed?(data: D, context: ParseContext): NamedSchool[];
}
