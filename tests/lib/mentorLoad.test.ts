import {describe, expect, it} from "vitest";
import {mentorLoad} from "../../lib/index.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("mentorLoad", () => {
  it("counts current and yearly mentees per mentor (the documented example)", () => {
    const r = mentorLoad([
      {mentorId: 1, menteeId: 10, start: d("2025-09-01"), end: null},
      {mentorId: 1, menteeId: 11, start: d("2025-01-10"), end: d("2025-05-31")},
      {mentorId: 2, menteeId: null, start: null, end: null},
      {mentorId: null, menteeId: 12, start: d("2026-09-01"), end: null}], d("2026-11-24"));
    expect(r.yearFrom).toEqual(d("2025-11-24"));
    expect(r.mentors).toBe(2);
    expect(r.mentees).toBe(3);
    expect(r.current).toEqual({distribution: [{mentees: 0, mentors: 1}, {mentees: 1, mentors: 1}], mean: 0.5, median: 0.5,
      max: 1, mentorsWithoutMentees: [2]});
    expect(r.year.mean).toBeCloseTo(0.5, 10);
    expect(r.menteesWithoutMentor).toEqual([12]);
    expect(r.perMentor).toEqual([{mentorId: 1, current: 1, year: 1}, {mentorId: 2, current: 0, year: 0}]);
  });
  it("a pair ending on the report date is current; one ending on the first day of the year window counts for the year", () => {
    const r = mentorLoad([
      {mentorId: 1, menteeId: 10, start: d("2026-01-01"), end: d("2026-11-24")},
      {mentorId: 1, menteeId: 11, start: d("2025-01-01"), end: d("2025-11-24")},
      {mentorId: 1, menteeId: 12, start: d("2025-01-01"), end: d("2025-11-23")}], d("2026-11-24"));
    expect(r.perMentor).toEqual([{mentorId: 1, current: 1, year: 2}]);
  });
  it("a mentee named in two rows with one mentor is counted once", () => {
    const r = mentorLoad([
      {mentorId: 1, menteeId: 10, start: d("2026-09-01"), end: null},
      {mentorId: 1, menteeId: 10, start: d("2026-09-01"), end: null}], d("2026-11-24"));
    expect(r.current.max).toBe(1);
  });
  it("no mentors: empty distribution and null statistics, never NaN", () => {
    const r = mentorLoad([{mentorId: null, menteeId: 5, start: null, end: null}], d("2026-11-24"));
    expect(r.current).toEqual({distribution: [], mean: null, median: null, max: null, mentorsWithoutMentees: []});
    expect(r.menteesWithoutMentor).toEqual([5]);
  });
});
