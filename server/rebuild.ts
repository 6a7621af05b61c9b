// The dashboards' shells (issue 16 §3 «Live dashboards»): the pages are built once — at the first
// start, or again only when their sources change — as live shells whose data files hold no data
// (MENTORING_LIVE=1); each page then fetches its session's data from GET /api/pages/<page>.json
// and again when the data version changes. Nothing is rebuilt after an upload. A shell folder is
// keyed by a hash of what the pages are made from (src/, the Framework config, the build script,
// Framework's version): a start with unchanged sources reuses it.
import {createHash} from "node:crypto";
import {existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** Builds live shells into a folder. */
export type BuildFn = (outDir: string) => Promise<void>;

export interface ShellOptions {
  /** The folder served as the dashboards. */
  distDir: string;
  build: BuildFn;
  /** The hash of the shells' sources (default: shellSourceHash()). */
  sourceHash?: string;
  log: (line: string) => void;
}

export interface DashboardStatus {
  /** up-to-date: the pages are live (they show every accepted upload by themselves); building: the shells are being built at first start. */
  state: "up-to-date" | "building" | "failed" | "absent";
  upToDate: boolean;
  /** Always true: pages read their data from the server, there is nothing to rebuild after an upload. */
  live: true;
  /** ISO time the shells were built (or found ready). */
  builtAt: string | null;
  /** Russian, for the pages. */
  message: string;
}

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** The file in a shell folder that names the sources it was built from. */
export const SHELL_STAMP = ".shell-hash";

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    if (e.name.startsWith(".")) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** sha256 of what the shells are made from: src/ (not its caches), observablehq.config.ts, scripts/build.ts, Framework's version. */
export function shellSourceHash(root = ROOT): string {
  const h = createHash("sha256");
  const framework = join(root, "node_modules", "@observablehq", "framework", "package.json");
  const files = [...filesUnder(join(root, "src")), join(root, "observablehq.config.ts"), join(root, "scripts", "build.ts"), framework]
    .filter((f) => existsSync(f)).sort();
  for (const f of files) {
    h.update(relative(root, f));
    h.update("\0");
    h.update(readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex");
}

/** Whether `distDir` holds shells built from these sources. */
export function shellsReady(distDir: string, hash: string): boolean {
  const stamp = join(distDir, SHELL_STAMP);
  return existsSync(join(distDir, "index.html")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash;
}

export class LiveShells {
  private state: DashboardStatus["state"] = "absent";
  private builtAt: string | null = null;
  private building: Promise<void> | null = null;
  private readonly hash: string;

  constructor(private readonly o: ShellOptions) {
    this.hash = o.sourceHash ?? shellSourceHash();
    if (shellsReady(o.distDir, this.hash)) {
      this.state = "up-to-date";
      this.builtAt = new Date().toISOString();
    }
  }

  /** Whether the shells were already there (no build needed). */
  get ready(): boolean {
    return this.state === "up-to-date";
  }

  /** Builds the shells unless the ones there are of the same sources; resolves when they are served. */
  ensure(): Promise<void> {
    if (this.state === "up-to-date") return Promise.resolve();
    this.building ??= this.run().finally(() => { this.building = null; });
    return this.building;
  }

  status(): DashboardStatus {
    const message = {
      "up-to-date": "Дашборды показывают загруженные данные сразу после загрузки: страницы обновляются сами, пересборка не нужна.",
      building: "Дашборды собираются в первый раз (около 20 секунд); потом они обновляются сами после каждой загрузки.",
      failed: "Дашборды собрать не удалось; загрузка и выгрузки работают. Перезапустите сервер.",
      absent: "Дашборды этим сервером не собираются."
    }[this.state];
    return {state: this.state, upToDate: this.state === "up-to-date", live: true, builtAt: this.builtAt, message};
  }

  /** Resolves when the shells are there or could not be built. */
  async settled(): Promise<DashboardStatus> {
    await this.building?.catch(() => undefined);
    return this.status();
  }

  async stop(): Promise<void> {
    await this.building?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    this.state = "building";
    const next = `${this.o.distDir}.next`;
    const started = Date.now();
    try {
      rmSync(next, {recursive: true, force: true});
      await this.o.build(next);
      writeFileSync(join(next, SHELL_STAMP), this.hash);
      const old = `${this.o.distDir}.old`;
      rmSync(old, {recursive: true, force: true});
      if (existsSync(this.o.distDir)) renameSync(this.o.distDir, old);
      renameSync(next, this.o.distDir);
      rmSync(old, {recursive: true, force: true});
      this.state = "up-to-date";
      this.builtAt = new Date().toISOString();
      this.o.log(`страницы дашбордов собраны за ${((Date.now() - started) / 1000).toFixed(1).replace(".", ",")} с`);
    } catch (e) {
      this.state = "failed";
      this.o.log(`страницы дашбордов собрать не удалось: ${e instanceof Error ? e.name : "ошибка"}`);
    }
  }
}

/** The real build: scripts/build.ts (Observable Framework) as live shells, in this process, quietly. */
export const frameworkBuild = (log: (line: string) => void): BuildFn => async (outDir) => {
  const {buildDashboards} = await import("../scripts/build.ts");
  await buildDashboards({live: true, outDir, log: () => undefined});
  void log;
};

/**
 * A shell page as one session sees it: the sidebar's links (and the header's links to the server's
 * own pages) that the session may not open are taken out, and a sidebar section left with no link
 * goes too. `mayOpen` is the gate's own rule for an address (server/auth/nav.ts mayOpen, the same
 * requirement the request for that address meets), so the menu and the routes cannot disagree.
 * `pagePath` is the address the page was asked by (its links are relative to it). A session that may
 * not open the teacher card (no names for it) is not told in the footer that the pages hold names.
 */
export function sidebarFor(html: string, pagePath: string, mayOpen: (path: string) => boolean): string {
  const named = mayOpen("/private/teacher");
  const allowed = (href: string) => {
    if (/^[a-z]+:|^\/\/|^#/i.test(href)) return true;
    const path = new URL(href, `http://shell${pagePath}`).pathname;
    return mayOpen(path.replace(/\.html$/, ""));
  };
  return html
    .replace(/<nav id="observablehq-sidebar">[\s\S]*?<\/nav>/, (nav) => nav
      .replace(/[ \t]*<li class="observablehq-link[^"]*"><a href="([^"]*)">[^<]*<\/a><\/li>\n?/g, (li, href: string) => allowed(href) ? li : "")
      .replace(/[ \t]*<details[^>]*>\s*<summary>[^<]*<\/summary>\s*<ol>\s*<\/ol>\s*<\/details>\n?/g, ""))
    .replace(/(<nav class="server-links">)([\s\S]*?)(<\/nav>)/, (_m, open: string, inner: string, close: string) => {
      const links = [...inner.matchAll(/<a href="([^"]*)"[^>]*>[^<]*<\/a>/g)].filter((m) => allowed(m[1]!)).map((m) => m[0]);
      return `${open}\n    ${links.join(" ·\n    ")}${close}`;
    })
    .replace(NAMED_FOOTER, named ? NAMED_FOOTER : AGGREGATE_FOOTER);
}

/** The service build's footer as observablehq.config.ts writes it, and what a session without names reads instead. */
const NAMED_FOOTER = "служебная сборка: содержит ФИО педагогов";
const AGGREGATE_FOOTER = "ваш доступ: сводные показатели, без ФИО педагогов";
