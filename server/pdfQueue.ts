// PDF rendering one at a time, cached by the data version (issue 13 §3): a headless Chromium is
// ~1 GB, so twelve parallel requests for the annual report must start one browser, not twelve.
// Requests for the same document while it renders wait for that render; different documents wait
// their turn; past `maxWaiting` the server answers busy. A rendered PDF is kept until the data
// version changes (every committed upload or undo), so asking again costs nothing.
import {busy} from "./http.ts";

export class PdfQueue<T = Buffer> {
  private readonly cache = new Map<string, T>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  /** Renders started (for tests). */
  renders = 0;

  constructor(private readonly o: {maxWaiting: number; cacheEntries: number}) {}

  /** The document for `key` (which must include the data version): cached, or rendered in turn. */
  get(key: string, render: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return Promise.resolve(hit);
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    if (this.queued >= this.o.maxWaiting) {
      return Promise.reject(busy(30, "сервер занят: готовятся другие PDF"));
    }
    this.queued++;
    const job = this.tail.then(async () => {
      this.renders++;
      const pdf = await render();
      this.cache.set(key, pdf);
      while (this.cache.size > this.o.cacheEntries) this.cache.delete(this.cache.keys().next().value!);
      return pdf;
    }).finally(() => {
      this.queued--;
      this.inFlight.delete(key);
    });
    this.inFlight.set(key, job);
    this.tail = job.catch(() => undefined);
    return job;
  }
}
