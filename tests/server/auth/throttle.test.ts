// Guess throttling (issue 16 §1) on a simulated clock: how many guesses an attacker gets checked
// per account and per address in an hour and a day, bursts of parallel attempts, and bounded memory.
import {describe, expect, it} from "vitest";
import {LoginThrottle, type ThrottleKey} from "../../../server/auth/throttle.ts";

/** An attacker who retries the moment the throttle allows; returns the checked guesses per hour, hour by hour. */
function guessesPerHour(keysOf: (i: number) => ThrottleKey[], hours: number): number[] {
  let now = 0;
  const t = new LoginThrottle({now: () => now});
  const perHour = Array.from({length: hours}, () => 0);
  for (let i = 0; now < hours * 3_600_000; i++) {
    const keys = keysOf(i);
    const wait = t.begin(keys);
    if (wait === null) {
      perHour[Math.floor(now / 3_600_000)]!++;
      now += 50; // a request takes a while
    } else {
      now += wait;
    }
  }
  return perHour;
}

describe("password guesses", () => {
  // By hand: guesses 1–5 at 0, 50 … 200 ms; then each waits 1, 2, 4 … 512 s after the one before
  // (6th at 1.2 s, 7th at 3.2 s … 15th at 1023.2 s), then 900 s (16th at 1923.2 s, 17th at 2823.2 s,
  // 18th at 3723.2 s — the second hour). 17 in the first hour, then 3600 / 900 = 4 an hour.
  it("one account from one address: 17 guesses in the first hour, then 4 an hour (was about 450 a second)", () => {
    const perHour = guessesPerHour(() => [{kind: "account", value: "metod"}, {kind: "address", value: "10.0.0.9"}], 24);
    expect(perHour[0]).toBe(17);
    expect(perHour.slice(1)).toEqual(Array(23).fill(4));
    expect(perHour.reduce((a, b) => a + b)).toBe(17 + 23 * 4);
  });

  it("one account from a new address every time: still 4 an hour after the first", () => {
    const perHour = guessesPerHour((i) => [{kind: "account", value: "metod"}, {kind: "address", value: `10.1.${i >> 8 & 255}.${i & 255}`}], 6);
    expect(perHour).toEqual([17, 4, 4, 4, 4, 4]);
  });

  // By hand: 20 free (0 … 950 ms), then waits of 1 … 512 s (21st at 1.95 s … 30th at 1023.95 s),
  // then 900 s (31st at 1923.95 s, 32nd at 2823.95 s): 32 in the first hour.
  it("one address trying a new account every time: 32 in the first hour, then 4 an hour", () => {
    const perHour = guessesPerHour((i) => [{kind: "account", value: `user${i}`}, {kind: "address", value: "10.0.0.9"}], 6);
    expect(perHour).toEqual([32, 4, 4, 4, 4, 4]);
  });

  it("a burst of parallel attempts is counted as it starts: only the free five get a password check", () => {
    const t = new LoginThrottle({now: () => 1000});
    const keys: ThrottleKey[] = [{kind: "account", value: "metod"}, {kind: "address", value: "10.0.0.9"}];
    const started = Array.from({length: 100}, () => t.begin(keys));
    expect(started.filter((w) => w === null)).toHaveLength(5);
    expect(started.slice(5).every((w) => w === 1000)).toBe(true);
  });

  it("a right password clears the account's count; the address only gets its attempt back", () => {
    let now = 0;
    const t = new LoginThrottle({now: () => now});
    const keys: ThrottleKey[] = [{kind: "account", value: "metod"}, {kind: "address", value: "10.0.0.9"}];
    for (let i = 0; i < 4; i++) t.begin(keys);
    t.begin(keys);
    t.succeeded(keys);
    expect(t.waitFor(keys[0]!)).toBe(0);
    expect(t.begin(keys)).toBeNull();
    now += 1;
    expect(t.waitFor({kind: "address", value: "10.0.0.9"})).toBe(0);
  });

  it("the first wait is reported once (for the audit log), and failures are forgotten an hour after the last", () => {
    let now = 0;
    const t = new LoginThrottle({now: () => now});
    const k: ThrottleKey = {kind: "account", value: "metod"};
    const blocked: boolean[] = [];
    for (let i = 0; i < 7; i++) {
      t.begin([k]);
      blocked.push(t.justBlocked(k));
      now += t.waitFor(k);
    }
    expect(blocked).toEqual([false, false, false, false, true, false, false]);
    now += 3_600_001;
    expect(t.waitFor(k)).toBe(0);
    expect(t.begin([k])).toBeNull();
  });

  it("memory stays bounded under a flood of made-up logins", () => {
    const t = new LoginThrottle({maxKeys: 1000, now: () => 0});
    for (let i = 0; i < 50_000; i++) t.begin([{kind: "account", value: `u${i}`}]);
    expect(t.size).toBe(1000);
  });
});
