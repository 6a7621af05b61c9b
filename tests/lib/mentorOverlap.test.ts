import {describe, expect, it} from "vitest";
import {mentorOverlap} from "../../lib/index.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const i = (menteeId: number, start: string, end: string | null) => ({menteeId, start: d(start), end: end ? d(end) : null});

describe("mentorOverlap", () => {
  it("finds the episode when a fourth mentee joins three running ones (the documented example)", () => {
    const r = mentorOverlap([i(1, "2024-09-01", "2025-05-31"), i(2, "2024-09-01", null), i(3, "2024-10-01", null),
      i(4, "2025-01-10", "2025-03-31")], {max: 3, asOf: d("2025-06-30")});
    expect(r).toEqual({n: 4, peak: 4, peakDate: d("2025-01-10"), episodes: [
      {from: d("2025-01-10"), to: d("2025-03-31"), ongoing: false, peak: 4, startedBy: [4], menteeIds: [1, 2, 3, 4]}]});
  });
  it("four mentees one after another never overlap: peak 1, no violation", () => {
    const r = mentorOverlap([i(1, "2024-09-01", "2024-11-30"), i(2, "2024-12-01", "2025-02-28"),
      i(3, "2025-03-01", "2025-05-31"), i(4, "2025-06-01", "2025-08-31")], {max: 3, asOf: d("2026-11-24")});
    expect(r.peak).toBe(1);
    expect(r.episodes).toEqual([]);
  });
  it("a mentee ending on the day the fourth starts still counts on that day: 4 at once", () => {
    const r = mentorOverlap([i(1, "2024-09-01", "2025-01-10"), i(2, "2024-09-01", null), i(3, "2024-09-01", null),
      i(4, "2025-01-10", null)], {max: 3, asOf: d("2025-06-30")});
    expect(r.episodes).toEqual([{from: d("2025-01-10"), to: d("2025-01-10"), ongoing: false, peak: 4, startedBy: [4], menteeIds: [1, 2, 3, 4]}]);
  });
  it("a mentee ending the day before the fourth starts leaves 3 at once: no violation", () => {
    const r = mentorOverlap([i(1, "2024-09-01", "2025-01-09"), i(2, "2024-09-01", null), i(3, "2024-09-01", null),
      i(4, "2025-01-10", null)], {max: 3, asOf: d("2025-06-30")});
    expect(r.peak).toBe(3);
    expect(r.episodes).toEqual([]);
  });
  it("four mentees starting on the same day are a violation from that day, still going on at the report date", () => {
    const r = mentorOverlap([i(1, "2025-09-01", null), i(2, "2025-09-01", null), i(3, "2025-09-01", null),
      i(4, "2025-09-01", "2027-01-01")], {max: 3, asOf: d("2026-11-24")});
    expect(r.episodes).toEqual([{from: d("2025-09-01"), to: d("2026-11-24"), ongoing: true, peak: 4,
      startedBy: [1, 2, 3, 4], menteeIds: [1, 2, 3, 4]}]);
  });
  it("pairs starting after the report date are not counted", () => {
    const r = mentorOverlap([i(1, "2025-09-01", null), i(2, "2025-09-01", null), i(3, "2025-09-01", null),
      i(4, "2026-12-01", null)], {max: 3, asOf: d("2026-11-24")});
    expect(r).toMatchObject({n: 3, peak: 3, episodes: []});
  });
  it("two separate episodes are two records", () => {
    const r = mentorOverlap([i(1, "2024-09-01", null), i(2, "2024-09-01", null), i(3, "2024-09-01", null),
      i(4, "2024-10-01", "2024-10-31"), i(5, "2025-02-01", "2025-02-10")], {max: 3, asOf: d("2025-06-30")});
    expect(r.episodes.map((e) => [e.from, e.to, e.startedBy])).toEqual([
      [d("2024-10-01"), d("2024-10-31"), [4]], [d("2025-02-01"), d("2025-02-10"), [5]]]);
  });
  it("no intervals: n 0, peak 0 and no date", () => {
    expect(mentorOverlap([], {max: 3, asOf: d("2026-11-24")})).toEqual({n: 0, peak: 0, peakDate: null, episodes: []});
  });
  it("a negative limit is a programmer error", () => {
    expect(() => mentorOverlap([], {max: -1, asOf: d("2026-11-24")})).toThrow(/max/);
  });
});
