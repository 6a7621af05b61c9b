import {describe, expect, it} from "vitest";
import {mentoringDuration} from "../../lib/index.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const asOf = d("2026-11-24");

describe("mentoringDuration", () => {
  it("a two-week programme is too short (the documented example)", () => {
    expect(mentoringDuration(d("2024-09-01"), d("2024-09-15"), asOf)).toEqual(
      {status: "too-short", days: 14, minEnd: d("2024-10-01"), maxEnd: d("2025-09-01")});
  });
  it("exactly one calendar month is allowed, one day less is too short", () => {
    expect(mentoringDuration(d("2024-09-01"), d("2024-10-01"), asOf).status).toBe("ok");
    expect(mentoringDuration(d("2024-09-01"), d("2024-09-30"), asOf).status).toBe("too-short");
  });
  it("a month from 31 January is reached on 29 February 2024", () => {
    expect(mentoringDuration(d("2024-01-31"), d("2024-02-29"), asOf).status).toBe("ok");
    expect(mentoringDuration(d("2024-01-31"), d("2024-02-28"), asOf).status).toBe("too-short");
  });
  it("exactly one calendar year is allowed, one day more is too long", () => {
    expect(mentoringDuration(d("2024-09-01"), d("2025-09-01"), asOf).status).toBe("ok");
    const r = mentoringDuration(d("2024-09-01"), d("2025-09-02"), asOf);
    expect(r.status).toBe("too-long");
    expect(r.days).toBe(366);
  });
  it("a fourteen-month programme is too long", () => {
    expect(mentoringDuration(d("2024-09-01"), d("2025-11-01"), asOf)).toMatchObject({status: "too-long", days: 426});
  });
  it("a running programme is past the limit only after exactly one year at the report date", () => {
    expect(mentoringDuration(d("2025-11-24"), null, asOf)).toMatchObject({status: "running", days: 365});
    expect(mentoringDuration(d("2025-11-23"), null, asOf)).toMatchObject({status: "running-past-limit", days: 366});
  });
  it("a programme starting after the report date has not started", () => {
    expect(mentoringDuration(d("2026-12-01"), null, asOf).status).toBe("not-started");
  });
  it("without a start date nothing can be said", () => {
    expect(mentoringDuration(null, d("2025-01-01"), asOf)).toEqual({status: "no-start", days: null, minEnd: null, maxEnd: null});
  });
  it("an end before the start is reported as such, not as too short", () => {
    expect(mentoringDuration(d("2025-01-10"), d("2025-01-01"), asOf)).toMatchObject({status: "end-before-start", days: -9});
  });
  it("limits come from the configuration", () => {
    expect(mentoringDuration(d("2024-09-01"), d("2025-09-01"), asOf, {minMonths: 2, maxMonths: 6}).status).toBe("too-long");
    expect(mentoringDuration(d("2024-09-01"), d("2024-10-15"), asOf, {minMonths: 2, maxMonths: 6}).status).toBe("too-short");
  });
});
