// Small groups in the annual report's load and violations sections for aggregate readers (issue 16
// §2): a count of 1 … minGroupSize − 1 people (mentors with k mentees, mentees, pairs, mentees
// without a mentor, cases of a rule) is hidden (null, shown «< 5»), and where a total is shown with
// its parts (mentors = Σ mentors by load, now and over the year; pairs = Σ pairs by form) one more
// cell is hidden so none can be recovered by subtraction. The same machinery as the engagement
// figures (lib/complementarySuppression.ts): no second suppression rule.
import {complementarySuppression, type Equation} from "../../lib/complementarySuppression.ts";

export interface LoadFigures {
  mentors: number | null;
  mentees: number | null;
  pairs: number | null;
  current: Array<{mentees: number; mentors: number | null}>;
  yearDistribution: Array<{mentees: number; mentors: number | null}>;
  menteesWithoutMentor: number | null;
  byForm: Array<{label: string; pairs: number | null}>;
}

/** The cells and equations of the load section as a reader sees them (ids: "mentors", "current:k", "year:k", "form:i" …). */
export function loadEquations(d: LoadFigures): {sizes: Record<string, number>; equations: Equation[]} {
  const sizes: Record<string, number> = {mentors: d.mentors ?? 0, mentees: d.mentees ?? 0, pairs: d.pairs ?? 0,
    menteesWithoutMentor: d.menteesWithoutMentor ?? 0};
  d.current.forEach((x) => { sizes[`current:${x.mentees}`] = x.mentors ?? 0; });
  d.yearDistribution.forEach((x) => { sizes[`year:${x.mentees}`] = x.mentors ?? 0; });
  d.byForm.forEach((f, i) => { sizes[`form:${i}`] = f.pairs ?? 0; });
  const equations: Equation[] = [];
  if (d.current.length) equations.push({total: "mentors", parts: d.current.map((x) => `current:${x.mentees}`)});
  if (d.yearDistribution.length) equations.push({total: "mentors", parts: d.yearDistribution.map((x) => `year:${x.mentees}`)});
  if (d.byForm.length) equations.push({total: "pairs", parts: d.byForm.map((_, i) => `form:${i}`)});
  return {sizes, equations};
}

/** The load section for aggregate readers: small and recoverable counts null; the mean and the largest load go with the distribution they summarise. */
export function suppressLoad<T extends LoadFigures & {meanCurrent: number | null; maxCurrent: number | null}>(d: T, min: number): T & {hidden: string[]} {
  const {sizes, equations} = loadEquations(d);
  const {hidden} = complementarySuppression(sizes, equations, min);
  const h = (id: string, v: number | null) => (hidden.has(id) ? null : v);
  const anyCurrentHidden = d.current.some((x) => hidden.has(`current:${x.mentees}`)) || hidden.has("mentors");
  return {...d, mentors: h("mentors", d.mentors), mentees: h("mentees", d.mentees), pairs: h("pairs", d.pairs),
    menteesWithoutMentor: h("menteesWithoutMentor", d.menteesWithoutMentor),
    current: d.current.map((x) => ({mentees: x.mentees, mentors: h(`current:${x.mentees}`, x.mentors)})),
    yearDistribution: d.yearDistribution.map((x) => ({mentees: x.mentees, mentors: h(`year:${x.mentees}`, x.mentors)})),
    byForm: d.byForm.map((f, i) => ({label: f.label, pairs: h(`form:${i}`, f.pairs)})),
    // The mean (pairs / mentors) and the largest load would give back a hidden bucket or total.
    meanCurrent: anyCurrentHidden || hidden.has("pairs") ? null : d.meanCurrent,
    maxCurrent: anyCurrentHidden ? null : d.maxCurrent,
    hidden: [...hidden].sort()};
}

/** Violations per rule for aggregate readers: a rule with 1 … min − 1 cases is hidden (no total of cases is shown, so no equation). */
export function suppressViolations<R extends {count: number | null; schools: number | null}>(rules: R[], min: number): Array<R & {suppressed: boolean}> {
  const sizes = Object.fromEntries(rules.map((r, i) => [`rule:${i}`, r.count ?? 0]));
  const {hidden} = complementarySuppression(sizes, [], min);
  return rules.map((r, i) => hidden.has(`rule:${i}`) ? {...r, count: null, schools: null, suppressed: true} : {...r, suppressed: false});
}

/** How a count of these sections reads: the number, or «< 5» when hidden for aggregate readers. */
export function countText(v: number | null, min: number, format: (n: number) => string): string {
  return v === null ? `< ${min}` : format(v);
}
