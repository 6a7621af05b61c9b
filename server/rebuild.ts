// Keeps the dashboards up to date after uploads (issue 8 §2: «within 30 s for a normal batch»):
// every committed change bumps a data version; after a short quiet spell (or at most a few seconds
// into a long batch) the store writes a snapshot between two writes and the dashboards are built
// from it into a fresh folder that then replaces the served one, so a reader never sees half a build.
import {existsSync, renameSync, rmSync} from "node:fs";
import type {Store} from "../store/database.ts";
import {writeSnapshot} from "../store/snapshot.ts";

export type BuildFn = (snapshot: string, outDir: string) => Promise<void>;

export interface RebuildOptions {
  store: Store;
  /** The folder served as the dashboards. */
  distDir: string;
  snapshotPath: string;
  build: BuildFn;
  /** Wait for this long without a new change… */
  quietMs: number;
  /** …but never longer than this after the first unbuilt change. */
  maxWaitMs: number;
  log: (line: string) => void;
}

export interface DashboardStatus {
  state: "up-to-date" | "waiting" | "building" | "failed";
  upToDate: boolean;
  dataVersion: number;
  builtVersion: number;
  /** ISO time of the last finished build. */
  builtAt: string | null;
  /** Russian, for the pages. */
  message: string;
}

export class RebuildScheduler {
  private dataVersion = 0;
  private builtVersion = 0;
  private builtAt: string | null = null;
  private building: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private firstPending: number | null = null;
  private failed = false;
  private stopped = false;

  constructor(private readonly o: RebuildOptions) {}

  /** The data changed (an upload committed, an upload undone). */
  changed(): void {
    this.dataVersion++;
    this.firstPending ??= Date.now();
    this.schedule();
  }

  /** Builds now (first start, or an explicit request), waiting for the result. */
  async buildNow(): Promise<void> {
    if (this.dataVersion === this.builtVersion && this.dataVersion > 0) this.dataVersion++;
    if (this.dataVersion === 0) this.dataVersion = 1;
    this.firstPending ??= Date.now();
    await this.run();
  }

  status(): DashboardStatus {
    const upToDate = this.builtVersion === this.dataVersion && !this.building;
    const state: DashboardStatus["state"] = this.building ? "building" : upToDate ? "up-to-date" : this.failed ? "failed" : "waiting";
    const time = this.builtAt ? new Date(this.builtAt).toLocaleTimeString("ru-RU", {hour12: false}) : null;
    const message = {
      "up-to-date": time ? `Дашборды обновлены в ${time} и показывают все загруженные данные.` : "Дашборды показывают все загруженные данные.",
      waiting: "Дашборды скоро обновятся: ждём, пока закончится загрузка.",
      building: "Дашборды обновляются (обычно 20–30 секунд)…",
      failed: "Дашборды обновить не удалось; данные в базе сохранены. Повторная попытка — после следующей загрузки."
    }[state];
    return {state, upToDate, dataVersion: this.dataVersion, builtVersion: this.builtVersion, builtAt: this.builtAt, message};
  }

  /** Resolves when the dashboards show every change made so far (or a build failed). */
  async settled(): Promise<DashboardStatus> {
    while (!this.stopped) {
      const s = this.status();
      if (s.state === "up-to-date" || s.state === "failed") return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.status();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.building?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped || this.building) return;
    if (this.timer) clearTimeout(this.timer);
    const waited = Date.now() - (this.firstPending ?? Date.now());
    const delay = Math.max(0, Math.min(this.o.quietMs, this.o.maxWaitMs - waited));
    this.timer = setTimeout(() => { this.timer = null; void this.run(); }, delay);
  }

  private async run(): Promise<void> {
    if (this.building) return this.building;
    const work = (async () => {
      const version = this.dataVersion;
      this.firstPending = null;
      const next = `${this.o.distDir}.next`;
      const started = Date.now();
      try {
        // The snapshot is taken between two writes: it holds exactly the uploads committed so far.
        await writeSnapshot(this.o.store, this.o.snapshotPath);
        rmSync(next, {recursive: true, force: true});
        await this.o.build(this.o.snapshotPath, next);
        const old = `${this.o.distDir}.old`;
        rmSync(old, {recursive: true, force: true});
        if (existsSync(this.o.distDir)) renameSync(this.o.distDir, old);
        renameSync(next, this.o.distDir);
        rmSync(old, {recursive: true, force: true});
        this.builtVersion = version;
        this.builtAt = new Date().toISOString();
        this.failed = false;
        this.o.log(`дашборды обновлены за ${((Date.now() - started) / 1000).toFixed(1).replace(".", ",")} с`);
      } catch (e) {
        this.failed = true;
        this.o.log(`дашборды обновить не удалось: ${e instanceof Error ? e.name : "ошибка"}`);
      }
    })();
    this.building = work;
    await work;
    this.building = null;
    // Changes that came during the build wait for the next one.
    if (this.dataVersion !== this.builtVersion && !this.failed && !this.stopped) {
      this.firstPending ??= Date.now();
      this.schedule();
    }
  }
}

/**
 * The real build: scripts/build.ts (Observable Framework), in this process, quietly; `settingsDir`
 * is the database's settings folder, so the dashboards read the same settings as the server.
 */
export const frameworkBuild = (log: (line: string) => void, settingsDir?: string): BuildFn => async (snapshot, outDir) => {
  const {buildDashboards} = await import("../scripts/build.ts");
  await buildDashboards({snapshot, outDir, settingsDir, log: () => undefined});
  void log;
};
