// Reads configuration files from data/config (validated with zod); defaults when a file is absent.
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {join} from "node:path";
import {z} from "zod";

/** The project's data/config folder, or MENTORING_CONFIG_DIR. */
export function configDir(): string {
  return process.env.MENTORING_CONFIG_DIR ?? join(fileURLToPath(new URL("..", import.meta.url)), "data", "config");
}

/** Reads and validates data/config/<name>; the fallback when the file does not exist. */
export function readConfig<T>(name: string, schema: z.ZodType<T>, fallback: T): T {
  const path = join(configDir(), name);
  if (!existsSync(path)) return fallback;
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`data/config/${name}: ${parsed.error.message}`);
  return parsed.data;
}

const TargetsSchema = z.object({
  engagementTargetPct: z.object({students: z.number().min(0).max(100), teachers: z.number().min(0).max(100)})
});

export function engagementTargets(): {students: number; teachers: number} {
  return readConfig("targets.json", TargetsSchema, {engagementTargetPct: {students: 70, teachers: 70}}).engagementTargetPct;
}
