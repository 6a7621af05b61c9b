// Page data at run time (issue 16 §3 «Live dashboards»). A page served by `mentoring serve` is a
// live shell: its data file holds only `{live: true}` (scripts/build.ts with MENTORING_LIVE=1), and
// the page asks the server for its session's data — GET /api/pages/<page>.json, same origin, with
// the session's cookie — then asks again whenever /api/status's data version changes (polled every
// 2 s). A static build's data file holds the data itself, shown as it is.
//
// livePage returns a generator the Observable runtime iterates: the variable it is assigned to takes
// each new value, and the cells that use it run again (as with `view(…)`).

/** The server's answer: the data and the data version it was computed at. */
interface Answer<T> {
  version: number;
  data: T;
}

const POLL_MS = 2000;
/** An answer computed before the current version (the server answers at once while it recomputes): asked again soon. */
const STALE_RETRY_MS = 400;

type Params = Record<string, string | number | null | undefined>;

/** The page's address on the server, with the page's own choices (`level=&id=`). */
export function pageUrl(page: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return `/api/pages/${encodeURIComponent(page)}.json${s ? `?${s}` : ""}`;
}

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}, cache: "no-store"});
  if (!r.ok) {
    let message = `сервер ответил ${r.status}`;
    try { message = ((await r.json()) as {error?: string}).error ?? message; } catch { /* not JSON */ }
    throw new Error(`Данные страницы не получены: ${message}`);
  }
  return r.json() as Promise<T>;
}

/**
 * The page's data, unless the server's answer is still the one shown (`etag`: its entity tag; the
 * server then answers 304 Not Modified with no body, and this returns null).
 */
async function getAnswer<T>(url: string, etag: string | null): Promise<{answer: Answer<T>; etag: string | null} | null> {
  const r = await fetch(url, {credentials: "same-origin", cache: "no-store",
    headers: {Accept: "application/json", ...(etag ? {"If-None-Match": etag} : {})}});
  if (r.status === 304) return null;
  if (!r.ok) {
    let message = `сервер ответил ${r.status}`;
    try { message = ((await r.json()) as {error?: string}).error ?? message; } catch { /* not JSON */ }
    throw new Error(`Данные страницы не получены: ${message}`);
  }
  return {answer: (await r.json()) as Answer<T>, etag: r.headers.get("ETag")};
}

/** Whether the data file is a live shell's placeholder. */
export function isLiveShell(attached: unknown): boolean {
  return !!attached && typeof attached === "object" && (attached as {live?: unknown}).live === true;
}

/** One answer from the server (for what a page reads once, such as the levels its picker offers). */
export async function pageOnce<T>(page: string, attached: T | {live: true}, params: Params = {}): Promise<T> {
  if (!isLiveShell(attached)) return attached as T;
  return (await getJson<Answer<T>>(pageUrl(page, params))).data;
}

/**
 * The page's data as a generator: in a static build the attached data once; in a live shell the
 * server's answer, then every newer one. Stops (the runtime calls return()) when the cell re-runs.
 */
export function livePage<T>(page: string, attached: T | {live: true}, params: Params = {}): AsyncGenerator<T, void, unknown> {
  if (!isLiveShell(attached)) return (async function* () { yield attached as T; })();
  const url = pageUrl(page, params);
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) => new Promise<void>((done) => {
    const t = setTimeout(() => { wake = null; done(); }, ms);
    wake = () => { clearTimeout(t); wake = null; done(); };
  });
  async function* loop(): AsyncGenerator<T, void, unknown> {
    let shown = -1;
    let etag: string | null = null;
    let first = true;
    while (!stopped) {
      try {
        const {dataVersion} = first ? {dataVersion: null} : await getJson<{dataVersion: number}>("/api/status");
        if (stopped) return;
        if (first || dataVersion !== shown) {
          // Asked with the shown answer's tag: while the server still computes the newer version it answers 304, no body.
          const got: {answer: Answer<T>; etag: string | null} | null = await getAnswer<T>(url, first ? null : etag);
          if (stopped) return;
          const answer = got?.answer ?? {version: shown, data: undefined as T};
          const fresh = got !== null && answer.version !== shown;
          first = false;
          shown = answer.version;
          if (got) etag = got.etag;
          markUpdated(answer.version);
          if (fresh) yield answer.data;
          // A stale answer (the server was still computing the newest version) is asked for again soon.
          if (dataVersion !== null && answer.version !== dataVersion) { await sleep(STALE_RETRY_MS); continue; }
        }
      } catch (e) {
        // The first answer is the page: without it the page says why. Later failures keep what is shown.
        if (first) throw e;
      }
      await sleep(POLL_MS);
    }
  }
  const inner = loop();
  return {
    next: () => inner.next(),
    return: (v?: unknown) => { stopped = true; wake?.(); return inner.return(v as void); },
    throw: (e?: unknown) => { stopped = true; wake?.(); return inner.throw(e); },
    [Symbol.asyncIterator]() { return this; }
  } as AsyncGenerator<T, void, unknown>;
}

/** The page's small «данные на …» line (an element with id live-status, if the page has one). */
function markUpdated(version: number): void {
  const el = document.getElementById("live-status");
  if (!el) return;
  el.dataset.version = String(version);
  el.textContent = `Данные обновляются сами: показаны на ${new Date().toLocaleTimeString("ru-RU", {hour12: false})}.`;
}

const remembered = new Map<string, unknown>();

/** A picker's last choice on this page, so that new data does not reset it (the picker is drawn again with it). */
export function sticky<T>(key: string, fallback: T, allowed?: readonly T[]): T {
  const v = remembered.get(key) as T | undefined;
  return v !== undefined && (!allowed || allowed.includes(v)) ? v : fallback;
}

/** Remembers a picker's choice (call it in a cell that uses the choice). */
export function keep<T>(key: string, value: T): T {
  remembered.set(key, value);
  return value;
}
