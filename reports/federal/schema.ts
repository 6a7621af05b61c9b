// The federal export's layout (issue 15 §6; docs/federal.md): tables, their columns and
// partitions, the manifest. Bump SCHEMA_VERSION whenever a column changes meaning or goes away.
import {z} from "zod";

export const SCHEMA_VERSION = 1;

export interface TableSpec {
  /** Hive partition columns, in directory order: DIR/<table>/region=55/year=2024/quarter=3/part_0.parquet. */
  partitionBy: readonly string[];
  /** Columns inside the Parquet files (partition columns live only in the directory names). */
  columns: ReadonlyArray<readonly [name: string, duckdbType: string]>;
}

const REGION = [["region", "VARCHAR"], ["region_name", "VARCHAR"]] as const;
const PERIOD = [["year", "INTEGER"], ["quarter", "INTEGER"]] as const;

/**
 * Three tables, aggregates only: counts per school, municipality and period; no person's name,
 * contact, file name or free text (programme names and results stay in the region — docs/federal.md
 * «Что выгружается»). Schools are the region's own numbers (school_id), not names.
 */
export const TABLES = {
  /** One row per expected school and quarter: coverage, population and engaged totals. */
  school_quarters: {
    partitionBy: ["region", "year", "quarter"],
    columns: [...REGION, ...PERIOD, ["schema_version", "INTEGER"], ["municipality", "VARCHAR"], ["school_id", "INTEGER"],
      ["in_form1", "BOOLEAN"], ["reported", "BOOLEAN"], ["included", "BOOLEAN"],
      ["students_population", "INTEGER"], ["teachers_population", "INTEGER"], ["young_teachers", "INTEGER"],
      ["students_engaged", "INTEGER"], ["teachers_engaged", "INTEGER"]]
  },
  /** One row per school, quarter and form of mentoring (2–5) the school reported. */
  engagement_by_form: {
    partitionBy: ["region", "year", "quarter"],
    columns: [...REGION, ...PERIOD, ["schema_version", "INTEGER"], ["municipality", "VARCHAR"], ["school_id", "INTEGER"],
      ["included", "BOOLEAN"], ["form", "SMALLINT"], ["programmes", "INTEGER"], ["mentors", "INTEGER"], ["mentees", "INTEGER"],
      ["students_engaged", "INTEGER"], ["teachers_engaged", "INTEGER"]]
  },
  /**
   * One row per diagnostic wave and competence area: teachers measured and the sum of their results.
   * Diagnostics have no quarter (a wave is each teacher's latest result): partitioned by region only.
   */
  diagnostic_areas: {
    partitionBy: ["region"],
    columns: [...REGION, ["wave", "VARCHAR"], ["schema_version", "INTEGER"], ["area", "VARCHAR"], ["teachers", "INTEGER"],
      ["result_sum", "DOUBLE"], ["result_sum_squares", "DOUBLE"], ["suppressed", "BOOLEAN"]]
  }
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Types of the partition columns when read back (a code «05» must stay text). */
export const HIVE_TYPES: Record<string, string> = {region: "VARCHAR", year: "INTEGER", quarter: "INTEGER"};

/** A single-quoted SQL string literal: COPY and read_parquet take their paths as literals, not parameters. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Where a region's manifest lies: DIR/_manifests/<code>.json («_» hides it from Spark and Hive). */
export const MANIFEST_DIR = "_manifests";

export const ManifestSchema = z.object({
  schema_version: z.number().int().positive(),
  region: z.object({code: z.string().regex(/^\d{2}$/), name: z.string()}),
  generated_at: z.string(),
  tool: z.object({name: z.string(), version: z.string()}),
  periods: z.array(z.string().regex(/^\d{4}-Q[1-4]$/)),
  tables: z.record(z.string(), z.object({
    path: z.string(),
    partitioned_by: z.array(z.string()),
    rows: z.number().int().min(0),
    files: z.number().int().min(0),
    rows_by_period: z.record(z.string(), z.number().int().min(0)).optional()
  })),
  engagement_targets_pct: z.object({students: z.number(), teachers: z.number()}),
  content: z.string()
});
export type Manifest = z.infer<typeof ManifestSchema>;
