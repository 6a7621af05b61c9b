// The registry of issue kinds (loaders/issueKinds.ts) and their wordings (loaders/messages/*.ts).
//
// Half of this file is checked by tsc, not by vitest: each `// @ts-expect-error` line below must
// fail to compile, and tsc (`npx tsc --noEmit -p .`, part of `npm test`) reports an unused
// `@ts-expect-error` as an error (TS2578). So if the typing of kinds, details or wordings weakened,
// `tsc` would fail here.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import type {IssueKind, ServerIssueDetails} from "../../loaders/issueKinds.ts";
import type {IssueFacts} from "../../loaders/issues.ts";
import {knownIssueKinds, toIssue, type MessageWriter, type MessageWriters} from "../../loaders/messages/index.ts";
import {fileMessages} from "../../loaders/messages/file.ts";
import {formsMessages} from "../../loaders/messages/forms.ts";
import {diagnosticsMessages} from "../../loaders/messages/diagnostics.ts";
import {registriesMessages} from "../../loaders/messages/registries.ts";
import {effectivenessMessages} from "../../loaders/messages/effectiveness.ts";
import {serverMessages} from "../../loaders/messages/server.ts";
import {directoryMessages} from "../../loaders/messages/directory.ts";
import {settingsMessages} from "../../loaders/messages/settings.ts";
import {failuresMessages} from "../../loaders/messages/failures.ts";
import {routesMessages} from "../../loaders/messages/routes.ts";
import {schoolsMessages} from "../../loaders/messages/schools.ts";
import {ISSUE_EXAMPLES, exampleFacts} from "../../loaders/issueExamples.ts";
import {readRegistry, renderIssueKindsDoc} from "../../scripts/issue-kinds-doc.ts";

describe("tsc refuses an issue the registry does not describe", () => {
  it("an unknown kind, details of another shape, missing details", () => {
    // @ts-expect-error a kind that is not in the registry
    const unknownKind: IssueFacts = {severity: "error", kind: "table/no-such-kind", file: "f.xlsx"};
    // @ts-expect-error a detail of the wrong type (the stated total as text)
    const wrongType: IssueFacts = {severity: "error", kind: "table/total-mismatch", file: "f.xlsx", details: {form: 2, field: "mentors", stated: "5", computed: 4}};
    // @ts-expect-error a detail the kind does not have (a misspelt name)
    const wrongField: IssueFacts<"upload/too-large"> = {severity: "error", kind: "upload/too-large", file: "f.xlsx", details: {limt: 1048576}};
    // @ts-expect-error details another kind has, not this one
    const otherKind: IssueFacts = {severity: "error", kind: "file/too-many-issues", file: "f.xlsx", details: {bytes: 5, limit: 4}};
    // @ts-expect-error a kind with details given none
    const missing: IssueFacts = {severity: "warning", kind: "roster/duplicate-teacher", file: "f.xlsx"};
    // @ts-expect-error a kind without details given some
    const extra: IssueFacts = {severity: "error", kind: "file/empty", file: "f.xlsx", details: {bytes: 0}};
    // @ts-expect-error toIssue takes only the registry's kinds
    expect(() => toIssue({severity: "error", kind: "file/no-such-kind", file: "f.xlsx"})).toThrow("no wording for issue kind file/no-such-kind");
    // The same facts, had they passed an untyped boundary, still stop at run time rather than print nothing.
    expect(() => toIssue(unknownKind)).toThrow("no wording for issue kind table/no-such-kind");
    // The rest are valid at run time but wrong in meaning: only tsc can refuse them.
    expect([wrongType, wrongField, otherKind, missing, extra].map((f) => f.kind)).toEqual(
      ["table/total-mismatch", "upload/too-large", "file/too-many-issues", "roster/duplicate-teacher", "file/empty"]);
  });

  it("a set of wordings without one of its kinds, or with a kind the registry lacks", () => {
    const tooLarge: MessageWriter<"upload/too-large"> = (f) => `предел ${f.details.limit}`;
    // @ts-expect-error the server's wordings without «upload/too-many-files» and the rest
    const incomplete: MessageWriters<keyof ServerIssueDetails> = {"upload/too-large": tooLarge};
    // @ts-expect-error a wording of a kind that is not in the registry
    const stray: MessageWriters<"upload/too-large"> = {"upload/too-large": tooLarge, "upload/no-such-kind": () => "текст"};
    // @ts-expect-error every kind's wordings, one area left out
    const all: MessageWriters<IssueKind> = {...fileMessages, ...serverMessages};
    // @ts-expect-error a wording that reads a detail its kind does not have
    const misread: MessageWriter<"upload/too-large"> = (f) => `${f.details.bytes}`;
    expect(tooLarge({severity: "error", kind: "upload/too-large", file: "f.xlsx", details: {limit: 5}}, "")).toBe("предел 5");
    expect([incomplete, stray, all, misread].map((x) => typeof x)).toEqual(["object", "object", "object", "function"]);
  });
});

describe("every issue kind has a Russian wording", () => {
  it("the kinds with wording are exactly the registry's kinds", () => {
    expect([...knownIssueKinds].sort()).toEqual(Object.keys(ISSUE_EXAMPLES).sort());
    expect(knownIssueKinds.length).toBeGreaterThanOrEqual(150);
  });

  it("each kind is worded in one area only (a second wording would silently replace the first)", () => {
    const areas = [fileMessages, formsMessages, diagnosticsMessages, registriesMessages, effectivenessMessages, serverMessages,
      directoryMessages, settingsMessages, failuresMessages, routesMessages, schoolsMessages];
    const worded = areas.flatMap((a) => Object.keys(a));
    expect(worded.filter((k, i) => worded.indexOf(k) !== i)).toEqual([]);
    expect(worded).toHaveLength(knownIssueKinds.length);
  });

  for (const kind of Object.keys(ISSUE_EXAMPLES) as IssueKind[]) {
    it(`${kind}: a sentence in Russian, with no placeholder left`, () => {
      const issue = toIssue(exampleFacts(kind));
      expect(issue.kind).toBe(kind);
      expect(issue.message.length).toBeGreaterThan(20);
      expect(issue.message).toMatch(/^[«А-ЯЁ0-9]/);
      expect(issue.message).toMatch(/[а-яё]{4}/);
      expect(issue.message).not.toMatch(/undefined|NaN|null|\[object|\$\{/);
    });
  }

  it("a detail a wording reads is quoted from the facts (samples of four areas)", () => {
    const message = (kind: IssueKind) => toIssue(exampleFacts(kind)).message;
    expect(message("table/total-mismatch")).toBe("Строка «Итого» (форма 3 «учитель – учитель», наставников) не сходится с суммой строк: указано 12, по строкам 11. В расчёт взяты строки таблицы; исправьте итог.");
    expect(message("file/too-large")).toBe("Файл слишком большой: 15,0 МБ при пределе 10 МБ. Отчёт школы столько весить не может: проверьте, тот ли это файл.");
    expect(message("diagnostics/deficit-result-mismatch")).toBe("Предметные: дефицит 40 % и результат 50 % в сумме не дают 100 %. Взят указанный результат (50 %).");
    expect(message("upload/too-many-files")).toBe("За один раз принимается не больше 200 файлов; остальные не приняты. Загрузите их следующей порцией.");
  });
});

describe("docs/issues.md", () => {
  it("lists every kind of the registry as the script writes it (after a new kind: npx tsx scripts/issue-kinds-doc.ts)", () => {
    const areas = readRegistry(readFileSync(new URL("../../loaders/issueKinds.ts", import.meta.url), "utf8"));
    expect(areas.flatMap((a) => a.kinds.map((k) => k.kind)).sort()).toEqual([...knownIssueKinds].sort());
    expect(readFileSync(new URL("../../docs/issues.md", import.meta.url), "utf8")).toBe(renderIssueKindsDoc(areas));
  });
});
