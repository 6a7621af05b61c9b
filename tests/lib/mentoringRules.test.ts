import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {defaultMentoringRules, mentoringViolations, MentoringRulesSchema, type RulePair} from "../../lib/index.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const asOf = d("2026-11-24");
const pair = (mentorId: number | null, menteeId: number | null, start: string | null, end: string | null,
  workStart: string | null = null): RulePair => ({mentorId, menteeId, start: start ? d(start) : null, end: end ? d(end) : null,
  workStart: workStart ? d(workStart) : null, appointed: start ? d(start) : null});

describe("mentoringViolations", () => {
  it("a two-week programme is too short and its appointment rule is not checked (the documented example)", () => {
    const r = mentoringViolations([pair(1, 2, "2024-09-01", "2024-09-15")], defaultMentoringRules, asOf);
    expect(r.violations).toEqual([{rule: "duration-too-short", severity: "warning", mentorId: 1, menteeIds: [2],
      from: "2024-09-01", to: "2024-09-15", details: {days: 14, minMonths: 1, minEnd: "2024-10-01"},
      title: defaultMentoringRules.duration.title, text: defaultMentoringRules.duration.text, source: defaultMentoringRules.duration.source}]);
    expect(r.notChecked).toEqual([{rule: "appointment-late", mentorId: 1, menteeId: 2, reason: "no-work-start"}]);
    expect(r.checked).toEqual({mentors: 1, pairs: 1, appointmentPairs: 0});
  });
  it("a fourth overlapping mentee is one max-mentees violation naming all four and the day the fourth started", () => {
    const r = mentoringViolations([pair(7, 1, "2025-09-01", null), pair(7, 2, "2025-09-01", null), pair(7, 3, "2025-10-01", null),
      pair(7, 4, "2026-02-02", "2026-05-29")], defaultMentoringRules, asOf);
    const v = r.violations.filter((x) => x.rule === "max-mentees");
    expect(v).toEqual([expect.objectContaining({severity: "error", mentorId: 7, menteeIds: [1, 2, 3, 4], from: "2026-02-02",
      to: "2026-05-29", details: {peak: 4, limit: 3, startedBy: "4", ongoing: false}})]);
  });
  it("the 30-day rule is checked where the start of work is known: 30 days in time, 31 late", () => {
    const r = mentoringViolations([pair(1, 2, "2025-09-30", null, "2025-08-31"), pair(1, 3, "2025-10-01", null, "2025-08-31")],
      defaultMentoringRules, asOf);
    expect(r.violations.filter((v) => v.rule === "appointment-late")).toEqual([expect.objectContaining({
      mentorId: 1, menteeIds: [3], from: "2025-08-31", to: "2025-10-01", details: {days: 31, limit: 30, deadline: "2025-09-30"}})]);
    expect(r.checked.appointmentPairs).toBe(2);
  });
  it("a programme running past one year at the report date is listed with no end", () => {
    const r = mentoringViolations([pair(1, 2, "2025-11-23", null), pair(1, 3, "2025-11-24", null)], defaultMentoringRules, asOf);
    expect(r.violations).toEqual([expect.objectContaining({rule: "duration-running-past-limit", menteeIds: [2], from: "2025-11-23",
      to: null, details: {days: 366, maxMonths: 12, maxEnd: "2026-11-23", asOf: "2026-11-24"}})]);
  });
  it("ten mentors make a council possible (information), nine do not", () => {
    const ten = Array.from({length: 10}, (_, k) => pair(k + 1, 100 + k, "2026-09-01", null));
    expect(mentoringViolations(ten, defaultMentoringRules, asOf).violations).toEqual([expect.objectContaining({
      rule: "council-possible", severity: "info", details: {mentors: 10, limit: 10}})]);
    expect(mentoringViolations(ten.slice(1), defaultMentoringRules, asOf).violations).toEqual([]);
  });
  it("a pair repeated in two rows is checked once", () => {
    const r = mentoringViolations([pair(1, 2, "2024-09-01", "2024-09-15"), pair(1, 2, "2024-09-01", "2024-09-15")],
      defaultMentoringRules, asOf);
    expect(r.violations).toHaveLength(1);
  });
  it("the limits are configuration: a limit of 2 makes three overlapping mentees a violation", () => {
    const rules = MentoringRulesSchema.parse({...defaultMentoringRules, maxMentees: {...defaultMentoringRules.maxMentees, limit: 2}});
    const r = mentoringViolations([pair(1, 2, "2026-09-01", null), pair(1, 3, "2026-09-01", null), pair(1, 4, "2026-09-02", null)], rules, asOf);
    expect(r.violations.map((v) => [v.rule, v.from, v.details.peak])).toEqual([["max-mentees", "2026-09-02", 3]]);
  });
  it("the committed configuration file holds the regulation's values", () => {
    const rules = MentoringRulesSchema.parse(JSON.parse(readFileSync("data/config/mentoring-rules.json", "utf8")));
    expect([rules.maxMentees.limit, rules.duration.minMonths, rules.duration.maxMonths, rules.appointment.days, rules.council.minMentors])
      .toEqual([3, 1, 12, 30, 10]);
    expect(rules).toEqual(defaultMentoringRules);
  });
  it("a configuration with minimum above maximum is refused", () => {
    expect(() => MentoringRulesSchema.parse({...defaultMentoringRules, duration: {...defaultMentoringRules.duration, minMonths: 13}})).toThrow();
  });
});
