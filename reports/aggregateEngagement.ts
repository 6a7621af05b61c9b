// The quarterly engagement as management and the public receive it (issue 16 §2, audience
// "aggregate" of reports/scope.ts): the engagement report and its split by form and programme, with
// small groups hidden and every figure that could be recovered by subtraction hidden as well
// (lib/complementarySuppression.ts). The one place the aggregate figures are made: the CLI's
// `--public`, the engagement workbook for aggregate readers, the annual report and (through the
// page-data endpoint) the dashboards take this, so every format shows the same «< 5» cells.
import {complementarySuppression, type Equation} from "../lib/complementarySuppression.ts";
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

export interface AggregateEngagementReport extends Omit<EngagementReport, "total" | "region" | "municipalities" | "schools"> {
  audience: "aggregate";
  minGroupSize: number;
  /** The scope's totals, hidden like every other group. */
  total: AggregateRegion;
  /** @deprecated The same object as `total` (see EngagementReport.region). */
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

// Cell ids, one per figure a reader sees: a side's region, municipality and school, engaged («e») or
// population («p») — «students:M:3:e»; a region's form «F:2:mentors»; a municipality's form
// «MF:3:2:mentees»; a programme «P:17:mentors» (its index in byForm.programmes). The figures of one
// group are shown or hidden together (links).
const unit = (side: Side, level: "R" | "M" | "S", id?: number) => `${side}:${level}${id === undefined ? "" : `:${id}`}`;
const FIGURES = ["mentors", "mentees", "studentsEngaged", "teachersEngaged"] as const;
type FormFigure = (typeof FIGURES)[number];
const formCell = (f: number, q: FormFigure) => `F:${f}:${q}`;
const municipalityFormCell = (m: number, f: number, q: FormFigure) => `MF:${m}:${f}:${q}`;
const programmeCell = (i: number, q: "mentors" | "mentees") => `P:${i}:${q}`;
/** The form figure that holds a side's engaged people. */
const ENGAGED: Record<Side, FormFigure> = {students: "studentsEngaged", teachers: "teachersEngaged"};
/** Which of a programme's figures count as a side's engaged people (lib/engagedCounts.ts). */
const counts = (side: Side, form: number): Array<"mentors" | "mentees"> =>
  side === "teachers" ? (form === 3 ? ["mentors", "mentees"] : []) : form === 2 ? ["mentors", "mentees"] : form === 4 || form === 5 ? ["mentees"] : [];

const people = (f: {mentors: number | null; mentees: number | null}) => (f.mentors ?? 0) + (f.mentees ?? 0);

interface Model {
  sizes: Record<string, number | null>;
  equations: Equation[];
  links: string[][];
  /** Groups of fewer than `min` people: a side of a school, municipality or the region by its population; a form or programme by its mentors and mentees. */
  primary: string[];
}

/**
 * Every figure the outputs show, the equations total = Σ parts between them, and which figures go
 * together: per side, region = Σ municipalities and municipality = Σ its schools in the sums (engaged
 * and population); with the split by form, a group's engaged = Σ its forms' engaged, a region's form
 * = Σ the municipalities' same form, a municipality's form = Σ its programmes of that form (mentors,
 * mentees), a form's engaged = its mentors + mentees (Form 2, 3) or mentees (4, 5), and a school's
 * engaged = Σ its programmes' counted mentors and mentees.
 */
export function engagementModel(r: EngagementReport, byForm: EngagementByForm | null, min: number): Model {
  const sizes: Record<string, number | null> = {};
  const equations: Equation[] = [], links: string[][] = [], primary: string[] = [];
  const small = (n: number | null) => n !== null && n > 0 && n < min;
  const counted = r.schools.filter((s) => s.includedInTotals);
  const withFigures = r.municipalities.filter((m) => m.studentsPopulation !== null || m.teachersPopulation !== null);
  const group = (id: string, g: EngagementFigures, side: Side) => {
    sizes[`${id}:e`] = g[`${side}Engaged`]; sizes[`${id}:p`] = g[`${side}Population`];
    links.push([`${id}:e`, `${id}:p`]);
    if (small(g[`${side}Population`])) primary.push(`${id}:p`);
  };
  for (const side of SIDES) {
    group(unit(side, "R"), r.total, side);
    for (const m of r.municipalities) group(unit(side, "M", m.id), m, side);
    for (const s of r.schools) group(unit(side, "S", s.id), s, side);
    for (const k of ["e", "p"]) {
      equations.push({total: `${unit(side, "R")}:${k}`, parts: withFigures.map((m) => `${unit(side, "M", m.id)}:${k}`)});
      for (const m of withFigures) {
        equations.push({total: `${unit(side, "M", m.id)}:${k}`, parts: counted.filter((s) => s.municipalityId === m.id).map((s) => `${unit(side, "S", s.id)}:${k}`)});
      }
    }
  }
  if (!byForm || !byForm.period) return {sizes, equations, links, primary};
  const formFigures = (id: (q: FormFigure) => string, f: FormFigures) => {
    for (const q of FIGURES) sizes[id(q)] = f[q];
    links.push(FIGURES.map(id));
    if (small(people(f))) primary.push(id("mentors"));
    // A form's engaged people are its mentors and mentees (2, 3) or its mentees (4, 5).
    const side: Side = f.form === 3 ? "teachers" : "students";
    equations.push({total: id(ENGAGED[side]), parts: counts(side, f.form).map((q) => id(q))});
  };
  for (const f of byForm.region.byForm) formFigures((q) => formCell(f.form, q), f);
  byForm.municipalities.forEach((m, i) => { for (const f of m.byForm) formFigures((q) => municipalityFormCell(r.municipalities[i]!.id, f.form, q), f); });
  byForm.programmes.forEach((p, i) => {
    sizes[programmeCell(i, "mentors")] = p.mentors; sizes[programmeCell(i, "mentees")] = p.mentees;
    links.push([programmeCell(i, "mentors"), programmeCell(i, "mentees")]);
    if (small(people(p))) primary.push(programmeCell(i, "mentors"));
  });
  const schoolOf = new Map(counted.map((s) => [`${s.municipality}|${s.name}`, s]));
  for (const side of SIDES) {
    const forms = FORMS_OF[side];
    equations.push({total: `${unit(side, "R")}:e`, parts: forms.map((f) => formCell(f, ENGAGED[side]))});
    for (const m of withFigures) equations.push({total: `${unit(side, "M", m.id)}:e`, parts: forms.map((f) => municipalityFormCell(m.id, f, ENGAGED[side]))});
    for (const s of counted) {
      const parts = byForm.programmes.flatMap((p, i) => schoolOf.get(`${p.municipality}|${p.school}`) === s ? counts(side, p.form).map((q) => programmeCell(i, q)) : []);
      equations.push({total: `${unit(side, "S", s.id)}:e`, parts});
    }
  }
  for (const f of [2, 3, 4, 5]) {
    for (const q of FIGURES) equations.push({total: formCell(f, q), parts: r.municipalities.map((m) => municipalityFormCell(m.id, f, q))});
    for (const m of r.municipalities) {
      for (const q of ["mentors", "mentees"] as const) {
        const parts = byForm.programmes.flatMap((p, i) => (p.form === f && p.municipality === m.name ? [programmeCell(i, q)] : []));
        equations.push({total: municipalityFormCell(m.id, f, q), parts});
      }
    }
  }
  return {sizes, equations, links, primary};
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
  const model = engagementModel(r, byForm, min);
  const {hidden} = complementarySuppression(model.sizes, model.equations, min, model.primary, {links: model.links});
  const sides = (level: "R" | "M" | "S", id?: number) => ({students: hidden.has(`${unit("students", level, id)}:p`),
    teachers: hidden.has(`${unit("teachers", level, id)}:p`)});
  const region = hideSides(r.total, sides("R"));
  const municipalities = r.municipalities.map((m) => hideSides(m, sides("M", m.id)));
  const schools = r.schools.map((s) => ({...hideSides(s, sides("S", s.id)), reasons: s.reasons.map(noFileNames), dataErrors: []}));
  const report: AggregateEngagementReport = {...r, audience: "aggregate", minGroupSize: min, total: region, region, municipalities, schools, issues: [],
    notCounted: r.notCounted.map((s) => ({...s, reasons: s.reasons.map(noFileNames)})),
    rejectedFiles: r.rejectedFiles.map((f) => ({...f, file: "", message: null}))};
  const forms = byForm && {...byForm,
    region: {...byForm.region, byForm: byForm.region.byForm.map((f) => hideForm(f, hidden.has(formCell(f.form, "mentors")))),
      studentsEngaged: region.studentsEngaged, teachersEngaged: region.teachersEngaged},
    municipalities: byForm.municipalities.map((m, i) => ({...m,
      byForm: m.byForm.map((f) => hideForm(f, hidden.has(municipalityFormCell(r.municipalities[i]!.id, f.form, "mentors"))))})),
    programmes: byForm.programmes.map((p, i) => hideProgramme(p, hidden.has(programmeCell(i, "mentors"))))};
  return {report, byForm: forms, equations: model.equations, hidden};
}
