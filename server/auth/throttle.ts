// Throttling password guesses (issue 16 §1), per account and per address. Each key (the login as
// typed, normalised, whether or not such an account exists; and the client address) may fail a
// few times freely; after that each further attempt must wait twice as long as the one before,
// up to a cap, and a key forgets its failures an hour after the last one. An attempt is counted
// as a failure when it starts (so a burst of parallel requests cannot slip past the count) and
// given back when the password was right. A refused attempt costs no password check at all.
//
// With the defaults one account can be tried 5 times, then after 1, 2, 4 … 900 s: 17
// guesses in the first hour and 4 an hour after that; one address likewise after 20 failures
// (tests/server/auth/throttle.test.ts counts them).

export interface ThrottleOptions {
  freeAccountFailures: number;
  freeAddressFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key forgets its failures this long after the last one (longer than maxDelayMs). */
  forgetAfterMs: number;
  /** Keys kept at most (the oldest are dropped first): memory stays bounded under a flood. */
  maxKeys: number;
  now: () => number;
}

export const defaultThrottle: ThrottleOptions = {
  freeAccountFailures: 5, freeAddressFailures: 20, firstDelayMs: 1000, maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000, maxKeys: 20_000, now: () => Date.now()
};

interface Entry {
  failures: number;
  last: number;
}

export type ThrottleKey = {kind: "account"; value: string} | {kind: "address"; value: string};

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  readonly o: ThrottleOptions;

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.o = {...defaultThrottle, ...options};
  }

  private id(k: ThrottleKey): string {
    return `${k.kind}:${k.value}`;
  }

  private entry(k: ThrottleKey): Entry | undefined {
    const e = this.entries.get(this.id(k));
    if (e && this.o.now() - e.last > this.o.forgetAfterMs) {
      this.entries.delete(this.id(k));
      return undefined;
    }
    return e;
  }

  private free(k: ThrottleKey): number {
    return k.kind === "account" ? this.o.freeAccountFailures : this.o.freeAddressFailures;
  }

  /** Milliseconds this key must still wait before its next attempt is checked (0: go). */
  waitFor(k: ThrottleKey): number {
    const e = this.entry(k);
    if (!e || e.failures < this.free(k)) return 0;
    const delay = Math.min(this.o.firstDelayMs * 2 ** (e.failures - this.free(k)), this.o.maxDelayMs);
    return Math.max(0, e.last + delay - this.o.now());
  }

  /**
   * Starts an attempt: null when every key may go (the attempt is then already counted as a
   * failure), else how long to wait (ms) — nothing is counted then.
   */
  begin(keys: ThrottleKey[]): number | null {
    const wait = Math.max(0, ...keys.map((k) => this.waitFor(k)));
    if (wait > 0) return wait;
    for (const k of keys) this.bump(k);
    return null;
  }

  /** The password was right: the account's count is cleared, the address gets its attempt back. */
  succeeded(keys: ThrottleKey[]): void {
    for (const k of keys) {
      const e = this.entry(k);
      if (!e) continue;
      if (k.kind === "account") this.entries.delete(this.id(k));
      else e.failures = Math.max(0, e.failures - 1);
    }
  }

  /** Whether this key has just reached its first wait (for the audit log: recorded once, not per refusal). */
  justBlocked(k: ThrottleKey): boolean {
    return this.entry(k)?.failures === this.free(k);
  }

  get size(): number {
    return this.entries.size;
  }

  private bump(k: ThrottleKey): void {
    const id = this.id(k);
    const e = this.entry(k) ?? {failures: 0, last: 0};
    e.failures++;
    e.last = this.o.now();
    // Re-inserted at the end: the map's order is the order of last failure.
    this.entries.delete(id);
    this.entries.set(id, e);
    while (this.entries.size > this.o.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }
}
