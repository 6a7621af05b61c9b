// The Russian wording of every issue kind lives here and in the per-domain modules this one
// merges, so tests can check facts and wording apart (STYLE.md «Ingestion»).
import {cellAddress, stringifyValue, IssueSchema, type Issue, type IssueFacts} from "../issues.ts";
import {fileMessages} from "./file.ts";
import {formsMessages} from "./forms.ts";
import {diagnosticsMessages} from "./diagnostics.ts";
import {registriesMessages} from "./registries.ts";
import {effectivenessMessages} from "./effectiveness.ts";
import {serverMessages} from "./server.ts";
import {routesMessages} from "./routes.ts";

/** Writes one message from an issue's facts; `v` is the raw value as text ("" when none). */
export type MessageWriter = (facts: IssueFacts, v: string) => string;

const writers: Record<string, MessageWriter> = {
  ...fileMessages,
  ...formsMessages,
  ...diagnosticsMessages,
  ...registriesMessages,
  ...effectivenessMessages,
  ...serverMessages,
  ...routesMessages
};

/** Every kind that has a wording (tests check that each kind a loader emits is here). */
export const knownIssueKinds: readonly string[] = Object.keys(writers);

/** Russian plural: plural(5, "ошибка", "ошибки", "ошибок") → "ошибок". */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = Math.abs(n) % 10, m100 = Math.abs(n) % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** Builds a complete, validated issue record with its Russian message. */
export function toIssue(facts: IssueFacts): Issue {
  const value = stringifyValue(facts.value);
  const write = writers[facts.kind];
  if (!write) throw new Error(`no wording for issue kind ${facts.kind}`);
  const cell = facts.row && facts.column ? cellAddress(facts.row, facts.column) : null;
  return IssueSchema.parse({
    severity: facts.severity,
    kind: facts.kind,
    file: facts.file,
    sheet: facts.sheet ?? null,
    row: facts.row ?? null,
    column: facts.column ?? null,
    cell,
    school: facts.school ?? null,
    value,
    expected: facts.expected ?? null,
    message: write(facts, value ?? "")
  });
}
