// What the live pages' data costs (issue 16 §3 benchmark): when each data version was committed,
// and for each page computation its version, when it was asked for, started and ended, the process
// CPU time and the time in DuckDB reads it took, and how many computations were waiting then. The
// benchmark reads the summary (GET /api/pages?stats=1) to say where an upload's way to an open page
// goes: waiting for a computation to start, or the computation itself.

export interface ComputationRecord {
  /** page|audience|scope|params */
  key: string;
  page: string;
  /** The data version the computation reads (all of it: one snapshot). */
  version: number;
  /** When a reader first wanted a version newer than the one cached (ms, performance.now()). */
  wantedAt: number;
  startedAt: number;
  endedAt: number;
  /** Process CPU (user + system) during the computation, ms: exact only when nothing else runs. */
  cpuMs: number;
  /** Time in DuckDB reads, ms. */
  dbMs: number;
  /** Queries asked, and answered from the snapshot's earlier results (another page's, at the same version). */
  queries: number;
  memoHits: number;
  /** Computations started or waiting (all keys) when this one started, itself included. */
  inFlight: number;
  /** Computations of this key waiting behind it when it started. */
  queued: number;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const spread = (xs: number[]) => ({n: xs.length, p50: Math.round(pct(xs, 50)), p95: Math.round(pct(xs, 95)), max: Math.round(xs.length ? Math.max(...xs) : NaN)});

export class LiveStats {
  /** Version → when it was committed (performance.now()). */
  private readonly committedAt = new Map<number, number>();
  readonly computations: ComputationRecord[] = [];

  constructor(private readonly keep = 5000) {}

  committed(version: number, at = performance.now()): void {
    this.committedAt.set(version, at);
    if (this.committedAt.size > this.keep) this.committedAt.delete(this.committedAt.keys().next().value!);
  }

  computed(r: ComputationRecord): void {
    this.computations.push(r);
    if (this.computations.length > this.keep) this.computations.shift();
  }

  /**
   * Per page: computations (wall, CPU, DuckDB time, version lag), and for every committed version the
   * time from its commit to the start and the end of the first computation of each key that includes it.
   */
  summary(): Record<string, unknown> {
    const byKey = new Map<string, ComputationRecord[]>();
    for (const c of this.computations) {
      const list = byKey.get(c.key) ?? [];
      list.push(c);
      byKey.set(c.key, list);
    }
    const pages = new Map<string, {memo: number[]; wall: number[]; cpu: number[]; db: number[]; wait: number[]; toStart: number[]; toEnd: number[]; inFlight: number[]; queued: number[]; skipped: number[]}>();
    for (const [, list] of byKey) {
      const page = list[0]!.page;
      const p = pages.get(page) ?? {memo: [], wall: [], cpu: [], db: [], wait: [], toStart: [], toEnd: [], inFlight: [], queued: [], skipped: []};
      pages.set(page, p);
      const sorted = [...list].sort((a, b) => a.endedAt - b.endedAt);
      let prev = -1;
      for (const c of sorted) {
        p.wall.push(c.endedAt - c.startedAt);
        p.cpu.push(c.cpuMs);
        p.db.push(c.dbMs);
        p.memo.push(c.queries ? (100 * c.memoHits) / c.queries : 0);
        p.wait.push(c.startedAt - c.wantedAt);
        p.inFlight.push(c.inFlight);
        p.queued.push(c.queued);
        if (prev >= 0 && c.version > prev) p.skipped.push(c.version - prev - 1);
        prev = Math.max(prev, c.version);
      }
      const first = sorted[0]!;
      for (const [v, at] of this.committedAt) {
        if (at < first.startedAt) continue;
        const c = sorted.find((x) => x.version >= v);
        if (!c) continue;
        p.toStart.push(c.startedAt - at);
        p.toEnd.push(c.endedAt - at);
      }
    }
    return Object.fromEntries([...pages].map(([page, p]) => [page, {
      computations: p.wall.length, wallMs: spread(p.wall), cpuMs: spread(p.cpu), dbMs: spread(p.db), memoHitPct: spread(p.memo),
      wantedToStartMs: spread(p.wait), commitToStartMs: spread(p.toStart), commitToEndMs: spread(p.toEnd),
      inFlightAtStart: spread(p.inFlight), queuedBehindAtStart: spread(p.queued), versionsSkipped: spread(p.skipped)
    }]));
  }
}
