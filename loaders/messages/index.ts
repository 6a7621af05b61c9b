// The Russian wording of every issue kind lives here and in the per-domain modules this one
// merges, so tests can check facts and wording apart (STYLE.md «Ingestion»).
import {cellAddress, stringifyValue, IssueSchema, type Issue, type IssueFacts} from "../issues.ts";
import {fileMessages} from "./file.ts";
import {formsMessages} from "./forms.ts";
import {diagnosticsMessages} from "./diagnostics.ts";
import {registriesMessages} from "./registries.ts";
import {effectivenessMessages} from "./effectiveness.ts";
import {serverMessages} from "./server.ts";
import {settingsMessages} from "./settings.ts";
import {failuresMessages} from "./failures.ts";

/** Writes one message from an issue's facts; `v` is the raw value as text ("" when none). */
export type MessageWriter = (facts: IssueFacts, v: string) => string;

const writers: Record<string, MessageWriter> = {
  ...fileMessages,
  ...formsMessages,
  ...diagnosticsMessages,
  ...registriesMessages,
  ...effectivenessMessages,
  ...serverMessages,
  ...settingsMessages,
  ...failuresMessages
};

/** Every kind that has a wording (tests check that each kind a loader emits is here). */
export const knownIssueKinds: readonly string[] = Object.keys(writers);

/** The plural rule lives in lib/plural.ts; re-exported for the message modules that import it from here. */
export {plural} from "../../lib/plural.ts";

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
