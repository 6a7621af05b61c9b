// The documentation names only what exists: README's length, links, repository paths, headings, the file map.
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, normalize} from "node:path";
import {describe, expect, it} from "vitest";
import {MAP_END, MAP_START, listModules, renderFileMap, repositoryRoot, withFileMap} from "../scripts/file-map.ts";

const root = repositoryRoot();
const documents = ["README.md", ...readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).sort().map((name) => `docs/${name}`)];
const read = (path: string): string => readFileSync(join(root, path), "utf8");

/** Lines outside fenced code blocks (commands and outputs live in those), with their numbers. */
export function proseLines(text: string): {line: string; no: number}[] {
  const result: {line: string; no: number}[] = [];
  let fence: string | null = null;
  text.split(/\r?\n/).forEach((line, index) => {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === null) fence = marker[0] as string;
      else if (marker.startsWith(fence)) fence = null;
      return;
    }
    if (fence === null) result.push({line, no: index + 1});
  });
  return result;
}

/** Relative targets of markdown links and images: `[text](target)`, `![alt](target)`. */
export function linkTargets(line: string): string[] {
  const withoutCode = line.replace(/`[^`]*`/g, "");
  return [...withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(target))
    .map((target) => decodeURI(target.replace(/#.*$/, "")));
}

/** Inline code spans of a prose line. */
export function codeSpans(line: string): string[] {
  return [...line.matchAll(/(`+)([^`]+?)\1/g)].map((match) => (match[2] as string).trim());
}

const PLACEHOLDER = /[*?{}<>…$]|\.\.\.|ГГГГ|ИМЯ|ФАЙЛ|ПАПКА/;

/**
 * What a code span claims to be in the repository: null when the span is not a repository path
 * (a command line, an identifier, a file name without a folder, a path outside the repository).
 * A path with a glob or a placeholder claims only its literal folders before the first one.
 */
export function claimedPath(span: string, topLevel: ReadonlySet<string>): string | null {
  if (/\s/.test(span)) return null; // a command line or a phrase
  const path = span.replace(/^\.\//, "").replace(/[.,;:]$/, "");
  const segments = path.split("/");
  if (segments.length < 2 && !topLevel.has(path)) return null;
  if (!topLevel.has(segments[0] as string)) return null;
  const firstPlaceholder = segments.findIndex((segment) => PLACEHOLDER.test(segment));
  if (firstPlaceholder < 0) return isIdentifier(path) ? null : path;
  if (existsSync(join(root, path))) return path; // a real name such as src/private/[card].md
  return `${segments.slice(0, firstPlaceholder).join("/")}/`;
}

/** Sources of the code, to tell an identifier such as the issue kind `settings/invalid` from a path. */
let codeText: string | null = null;
function isIdentifier(span: string): boolean {
  if (/\.[A-Za-z0-9]+$/.test(span) || span.endsWith("/") || existsSync(join(root, span))) return false;
  codeText ??= ["lib", "settings", "loaders", "store", "reports", "server", "bin"]
    .flatMap((folder) => listModules(root, folder))
    .map((path) => readFileSync(join(root, path), "utf8"))
    .join("\n");
  return [`"${span}"`, `'${span}'`, `\`${span}`].some((quoted) => codeText?.includes(quoted) === true);
}

const topLevel = new Set(
  readdirSync(root).filter((name) => !["node_modules", ".git", "dist", "dist-public", "test-results"].includes(name) && statSync(join(root, name)).isDirectory())
);

describe("claimedPath", () => {
  it("takes repository paths and ignores command lines, identifiers and paths outside the repository", () => {
    expect(claimedPath("loaders/ingest.ts", topLevel)).toBe("loaders/ingest.ts");
    expect(claimedPath("data/sample/forms/2024-Q1/<школа>.xlsx", topLevel)).toBe("data/sample/forms/2024-Q1/");
    expect(claimedPath("src/data/*.json.ts", topLevel)).toBe("src/data/");
    expect(claimedPath("data/sample/…", topLevel)).toBe("data/sample/");
    expect(claimedPath("npx tsx bin/cli.ts ingest data/sample", topLevel)).toBeNull();
    expect(claimedPath("dist/_file/data/engagement.json", topLevel)).toBeNull();
    expect(claimedPath("table/total-mismatch", topLevel)).toBeNull();
    expect(claimedPath("settings/not-a-number", topLevel)).toBeNull();
    expect(claimedPath("settings/nowhere.ts", topLevel)).toBe("settings/nowhere.ts");
    expect(claimedPath("lib/noSuchModule", topLevel)).toBe("lib/noSuchModule");
    expect(claimedPath("omskiy_morozovskaya.xlsx", topLevel)).toBeNull();
  });
});

describe("README.md", () => {
  it("is at most 250 lines", () => {
    expect(read("README.md").split(/\r?\n/).filter((line, index, all) => index < all.length - 1 || line !== "").length).toBeLessThanOrEqual(250);
  });

  it("is written in Russian: no prose line is English", () => {
    const english = proseLines(read("README.md"))
      .map(({line, no}) => ({no, text: line.replace(/`[^`]*`/g, "").replace(/\([^)]*\)/g, "")}))
      .filter(({text}) => /[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){3,}/.test(text) && !/[А-Яа-яЁё]/.test(text));
    expect(english).toEqual([]);
  });
});

describe.each(documents)("%s", (document) => {
  const text = read(document);
  const prose = proseLines(text);

  it("links only to files that exist", () => {
    const missing = prose.flatMap(({line, no}) =>
      linkTargets(line)
        .filter((target) => !existsSync(normalize(join(root, dirname(document), target))))
        .map((target) => `${document}:${no} → ${target}`)
    );
    expect(missing).toEqual([]);
  });

  it("names only repository paths that exist", () => {
    const missing = prose.flatMap(({line, no}) =>
      codeSpans(line)
        .map((span) => claimedPath(span, topLevel))
        .filter((path): path is string => path !== null && !existsSync(join(root, path)) && !ignoredByGit(path))
        .map((path) => `${document}:${no} → ${path}`)
    );
    expect(missing).toEqual([]);
  });

  it("has no heading named after an issue", () => {
    const headings = prose.filter(({line}) => /^#{1,6}\s/.test(line)).map(({line}) => line);
    expect(headings.filter((heading) => /issue|задач[аи]\s*\d|§\s*\d/i.test(heading))).toEqual([]);
  });
});

describe("docs/architecture.md", () => {
  it("carries the file map scripts/file-map.ts generates from the modules as they are", () => {
    const text = read("docs/architecture.md");
    expect(text).toContain(MAP_START);
    expect(text).toContain(MAP_END);
    // When this fails after adding or renaming a module: npx tsx scripts/file-map.ts
    expect(withFileMap(text, renderFileMap(root))).toBe(text);
  });
});

/**
 * Files the product writes at run time (the database, uploads, snapshot, builds) are named in the
 * docs but never committed: .gitignore lists them, and only those are excused.
 */
function ignoredByGit(path: string): boolean {
  const patterns = read(".gitignore")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  return patterns.some((pattern) => {
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\/$/, "(?:/.*)?")}$`);
    return regex.test(path) || regex.test(path.replace(/\/$/, ""));
  });
}
