// The quarterly engagement as management and the public receive it (issue 16 §2, audience
// "aggregate" of reports/scope.ts): the engagement report and its split by form and programme, with
// small groups hidden and every figure that could be recovered by subtraction hidden as well
// (lib/complementarySuppression.ts). The one place the aggregate figures are made: the CLI's
// `--public`, the engagement workbook for aggregate readers, the annual report and (through the
// page-data endpoint) the dashboards take this, so every format shows the same «< 5» cells.
import {complementarySuppression, primaryCells, type Equation} from "../lib/complementarySuppression.ts";
import type {SuppressedFigures} from "../lib/suppressedFigures.ts";
import type {EngagementFigures, GroupSummary} from "../lib/engagementSummary.ts";
import type {Coverage} from "../lib/coverage.ts";
import type {EngagementReport, MunicipalityReport, SchoolReport} from "./engagement.ts";
import type {EngagementByForm, FormFigures, ProgrammeLine} from "./engagementByForm.ts";

type Side = "students" | "teachers";
const SIDES: Side[] = ["students", "teachers"];
/** The forms whose people count as engaged students (2, 4, 5) and teachers (3): lib/engagedCounts.ts. */
const FORMS_OF: Record<Side, number[]> = {students: [2, 4, 5], teachers: [3]};

/** Coverage without the population sums behind its shares (they are sums of the groups' populations, hidden or not). */
export type AggregateCoverage = Omit<Coverage, "students" | "teachers"> & {students: {share: number | null}; teachers: {share: number | null}};
type Aggregate<T extends {coverage: Coverage}> = Omit<T, "coverage"> & SuppressedFigures & {coverage: AggregateCoverage};

export type AggregateSchool = Aggregate<SchoolReport>;
export type AggregateMunicipality = Aggregate<MunicipalityReport>;
export type AggregateRegion = Aggregate<GroupSummary>;

export interface AggregateEngagementReport extends Omit<EngagementReport, "region" | "municipalities" | "schools"> {
  audience: "aggregate";
  minGroupSize: number;
  region: AggregateRegion;
  municipalities: AggregateMunicipality[];
  schools: AggregateSchool[];
}

export interface AggregateEngagement {
  report: AggregateEngagementReport;
  /** Engagement by form and programme, suppressed with the same cells; null when not asked for. */
  byForm: EngagementByForm | null;
  /** The additive relations the outputs expose, by cell id (for the subtraction tests and the docs). */
  equations: Equation[];
  hidden: Set<string>;
}

// Cell ids: a side's region, municipality and school («students:M:3»), a region's form («F:2»), a
// municipality's form («MF:3:2»), a programme («P:17», its index in byForm.programmes).
const regionId = (side: Side) => `${side}:R`;
const municipalityId = (side: Side, id: number) => `${side}:M:${id}`;
const schoolId = (side: Side, id: number) => `${side}:S:${id}`;
const formId = (f: number) => `F:${f}`;
const municipalityFormId = (m: number, f: number) => `MF:${m}:${f}`;
const programmeId = (i: number) => `P:${i}`;

const people = (f: {mentors: number | null; mentees: number | null}) => (f.mentors ?? 0) + (f.mentees ?? 0);

/** Sizes of every cell: a side's population for regions, municipalities and schools; mentors + mentees for forms and programmes. */
function cellSizes(r: EngagementReport, byForm: EngagementByForm | null): Record<string, number | null> {
  const sizes: Record<string, number | null> = {};
  for (const side of SIDES) {
    sizes[regionId(side)] = r.region[`${side}Population`];
    for (const m of r.municipalities) sizes[municipalityId(side, m.id)] = m[`${side}Population`];
    for (const s of r.schools) sizes[schoolId(side, s.id)] = s[`${side}Population`];
  }
  if (byForm) {
    for (const f of byForm.region.byForm) sizes[formId(f.form)] = people(f);
    byForm.municipalities.forEach((m, i) => { for (const f of m.byForm) sizes[municipalityFormId(r.municipalities[i]!.id, f.form)] = people(f); });
    byForm.programmes.forEach((p, i) => { sizes[programmeId(i)] = people(p); });
  }
  return sizes;
}

/**
 * The equations total = Σ parts the outputs expose, per side: region = Σ municipalities, municipality
 * = Σ its schools in the sums; with the split by form, region = Σ its forms, municipality = Σ its
 * forms, a region's form = Σ the municipalities' same form, a municipality's form = Σ its programmes
 * of that form, a school = Σ its programmes of the side's forms.
 */
export function engagementEquations(r: EngagementReport, byForm: EngagementByForm | null): Equation[] {
  const eqs: Equation[] = [];
  const counted = r.schools.filter((s) => s.includedInTotals);
  const withFigures = r.municipalities.filter((m) => m.studentsPopulation !== null || m.teachersPopulation !== null);
  for (const side of SIDES) {
    eqs.push({total: regionId(side), parts: withFigures.map((m) => municipalityId(side, m.id))});
    for (const m of withFigures) {
      eqs.push({total: municipalityId(side, m.id), parts: counted.filter((s) => s.municipalityId === m.id).map((s) => schoolId(side, s.id))});
    }
    if (!byForm || !byForm.period) continue;
    const forms = FORMS_OF[side];
    eqs.push({total: regionId(side), parts: forms.map(formId)});
    byForm.municipalities.forEach((_, i) => {
      const m = r.municipalities[i]!;
      if (withFigures.includes(m)) eqs.push({total: municipalityId(side, m.id), parts: forms.map((f) => municipalityFormId(m.id, f))});
    });
    const schoolOf = new Map(counted.map((s) => [`${s.municipality}|${s.name}`, s]));
    for (const s of counted) {
      const mine = byForm.programmes.map((p, i) => ({p, i})).filter(({p}) => forms.includes(p.form) && schoolOf.get(`${p.municipality}|${p.school}`) === s);
      eqs.push({total: schoolId(side, s.id), parts: mine.map(({i}) => programmeId(i))});
    }
  }
  if (byForm && byForm.period) {
    for (const f of [2, 3, 4, 5]) {
      eqs.push({total: formId(f), parts: r.municipalities.map((m) => municipalityFormId(m.id, f))});
      r.municipalities.forEach((m) => {
        const parts = byForm.programmes.map((p, i) => ({p, i})).filter(({p}) => p.form === f && p.municipality === m.name).map(({i}) => programmeId(i));
        eqs.push({total: municipalityFormId(m.id, f), parts});
      });
    }
  }
  return eqs;
}

/** The coverage of a group without its population sums; a hidden side's share hidden too. */
function aggregateCoverage(c: Coverage, hidden: {students: boolean; teachers: boolean}): AggregateCoverage {
  return {...c, students: {share: hidden.students ? null : c.students.share}, teachers: {share: hidden.teachers ? null : c.teachers.share}};
}

const HIDDEN_VERDICT = "скрыто: малая группа";

/** A group's figures with the hidden sides' counts, shares and decisions removed. */
function hideSides<T extends EngagementFigures & {coverage: Coverage}>(g: T, hidden: {students: boolean; teachers: boolean}): Aggregate<T> {
  const out = {...g as object, suppressed: hidden, coverage: aggregateCoverage(g.coverage, hidden),
    meetsTarget: {students: hidden.students ? null : g.meetsTarget.students, teachers: hidden.teachers ? null : g.meetsTarget.teachers}} as Record<string, unknown>;
  for (const side of SIDES) {
    if (!hidden[side]) continue;
    out[`${side}Engaged`] = null; out[`${side}Population`] = null; out[`${side}Pct`] = null;
    if ("verdict" in g) out.verdict = {...(out.verdict as object), [side]: HIDDEN_VERDICT};
    if ("meetsTargetCounted" in g) out.meetsTargetCounted = {...(out.meetsTargetCounted as object), [side]: null};
  }
  return out as Aggregate<T>;
}

/** A file's name can hold a person's name: «файл «x.xls» (загрузка № 5 от …)» becomes «файл». */
export const noFileNames = (reason: string) => reason.replace(/файл «[^»]*» \(загрузка № \d+ от [\d.]+\)/g, "файл");

const hideForm = (f: FormFigures, hidden: boolean): FormFigures =>
  hidden ? {...f, mentors: null, mentees: null, studentsEngaged: null, teachersEngaged: null, suppressed: true} : {...f, suppressed: false};
const hideProgramme = (p: ProgrammeLine, hidden: boolean): ProgrammeLine =>
  ({...p, mentors: hidden ? null : p.mentors, mentees: hidden ? null : p.mentees, suppressed: hidden, result: null});

/**
 * The engagement report (and its split by form, when given — computed by engagementByForm with
 * `suppress: false`) for aggregate readers: every group of fewer than `min` people hidden, and the
 * secondary cells that stop a hidden one from being recovered by subtraction; no data errors, no
 * issues, no file names, no programmes' free-text results (a school may name a person there).
 */
export function engagementForAggregates(r: EngagementReport, byForm: EngagementByForm | null, min: number): AggregateEngagement {
  const sizes = cellSizes(r, byForm);
  const equations = engagementEquations(r, byForm);
  const {hidden} = complementarySuppression(sizes, equations, min, primaryCells(sizes, min));
  const sides = (id: (side: Side) => string) => ({students: hidden.has(id("students")), teachers: hidden.has(id("teachers"))});
  const region = hideSides(r.region, sides(regionId));
  const municipalities = r.municipalities.map((m) => hideSides(m, sides((side) => municipalityId(side, m.id))));
  const schools = r.schools.map((s) => ({...hideSides(s, sides((side) => schoolId(side, s.id))), reasons: s.reasons.map(noFileNames), dataErrors: []}));
  const report: AggregateEngagementReport = {...r, audience: "aggregate", minGroupSize: min, region, municipalities, schools, issues: [],
    notCounted: r.notCounted.map((s) => ({...s, reasons: s.reasons.map(noFileNames)})),
    rejectedFiles: r.rejectedFiles.map((f) => ({...f, file: "", message: null}))};
  const forms = byForm && {...byForm,
    region: {...byForm.region, byForm: byForm.region.byForm.map((f) => hideForm(f, hidden.has(formId(f.form)))),
      studentsEngaged: region.studentsEngaged, teachersEngaged: region.teachersEngaged},
    municipalities: byForm.municipalities.map((m, i) => ({...m,
      byForm: m.byForm.map((f) => hideForm(f, hidden.has(municipalityFormId(r.municipalities[i]!.id, f.form))))})),
    programmes: byForm.programmes.map((p, i) => hideProgramme(p, hidden.has(programmeId(i))))};
  return {report, byForm: forms, equations, hidden};
}
