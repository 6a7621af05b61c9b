// The Russian wording of every issue kind lives here and in the per-domain modules this one
// merges, so tests can check facts and wording apart (STYLE.md «Ingestion»).
import {cellAddress, stringifyValue, IssueSchema, type Issue, type IssueFacts, type IssueKind} from "../issues.ts";
import {fileMessages} from "./file.ts";
import {formsMessages} from "./forms.ts";
import {diagnosticsMessages} from "./diagnostics.ts";
import {registriesMessages} from "./registries.ts";
import {effectivenessMessages} from "./effectiveness.ts";
import {serverMessages} from "./server.ts";
import {directoryMessages} from "./directory.ts";
import {settingsMessages} from "./settings.ts";
import {failuresMessages} from "./failures.ts";
import {routesMessages} from "./routes.ts";
import {schoolsMessages} from "./schools.ts";

/** Writes one message from the facts of an issue of kind `K`; `v` is the raw value as text ("" when none). */
export type MessageWriter<K extends IssueKind = IssueKind> = (facts: IssueFacts<K>, v: string) => string;

/**
 * The wordings of the kinds `K`, one writer per kind: a mapped type over the registry's keys
 * (loaders/issueKinds.ts), so a kind without wording, or a wording of a kind not in the registry,
 * fails `tsc`. Each message module types itself with its area's kinds.
 */
export type MessageWriters<K extends IssueKind> = {[P in K]: MessageWriter<P>};

const writers: MessageWriters<IssueKind> = {
  ...fileMessages,
  ...formsMessages,
  ...diagnosticsMessages,
  ...registriesMessages,
  ...effectivenessMessages,
  ...serverMessages,
  ...directoryMessages,
  ...settingsMessages,
  ...failuresMessages,
  ...routesMessages,
  ...schoolsMessages
};

/** Every kind that has a wording (tests check that each kind a loader emits is here). */
export const knownIssueKinds: readonly IssueKind[] = Object.keys(writers) as IssueKind[];

/** The Russian message of an issue's facts; a kind's writer reads that kind's details. */
function wording<K extends IssueKind>(facts: IssueFacts<K>, v: string): string {
  const write: MessageWriter<K> = writers[facts.kind as K];
  return write(facts, v);
}

/** The plural rule lives in lib/plural.ts; re-exported for the message modules that import it from here. */
export {plural} from "../../lib/plural.ts";

/** Characters of a value (or a school, a sheet name, what was expected) an issue quotes, at most. */
export const MAX_QUOTED_CHARS = 200;
/** Characters of an issue's message, at most (it quotes the value once, plus its own words). */
export const MAX_MESSAGE_CHARS = 1000;

/**
 * A text cut to at most `max` characters, the cut marked with «…» (issue 13 §2: a 10 KB cell
 * quoted by 2,000 issues made a file's issues 40 MB). Never splits a surrogate pair.
 */
export function boundText(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Characters of a school's name kept in an issue (full official names run past 200). */
const MAX_SCHOOL_CHARS = 500;

const bounded = (text: string | null | undefined, max = MAX_QUOTED_CHARS): string | null =>
  (text === null || text === undefined ? null : boundText(text, max));

/** Builds a complete, validated issue record with its Russian message; quoted texts are bounded. */
export function toIssue(facts: IssueFacts): Issue {
  const value = bounded(stringifyValue(facts.value));
  // A kind outside the registry fails tsc; this guards facts that came through an untyped boundary.
  if (!Object.hasOwn(writers, facts.kind)) throw new Error(`no wording for issue kind ${facts.kind}`);
  const cell = facts.row && facts.column ? cellAddress(facts.row, facts.column) : null;
  return IssueSchema.parse({
    severity: facts.severity,
    kind: facts.kind,
    file: facts.file,
    sheet: bounded(facts.sheet),
    row: facts.row ?? null,
    column: facts.column ?? null,
    cell,
    school: bounded(facts.school, MAX_SCHOOL_CHARS),
    value,
    expected: bounded(facts.expected),
    message: boundText(wording(facts, value ?? ""), MAX_MESSAGE_CHARS)
  });
}
