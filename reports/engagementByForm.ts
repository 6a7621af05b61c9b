// Engagement by form of mentoring and by programme for one quarter (issue 15 §3; seed 003): the
// stored Forms 2–5 rows, no longer summed away. Per form, the region's and each municipality's
// mentors, mentees and the students and teachers they engage (lib/engagedCounts.ts — the same rule
// as the engagement report, so the forms add up to its totals); per programme its school, form,
// mentors, mentees and stated result: the start of the region's bank of practices. Only schools in
// the engagement report's sums (reports/engagement.ts) are counted, so every figure here is a part
// of a figure there. Counts of a programme or a municipality's form under the group-size setting are
// hidden («< 5»), as elsewhere.
import type {Store} from "../store/database.ts";
import {all} from "../store/database.ts";
import type {Settings} from "../settings/index.ts";
import {engagedCounts} from "../lib/engagedCounts.ts";
import {isSmallGroup} from "../lib/smallGroup.ts";
import {engagementReport, type EngagementReport} from "./engagement.ts";
import type {ReportScope} from "./scope.ts";
import {directoryInScope, scopeParams} from "./scopeSql.ts";

export type FormNumber = 2 | 3 | 4 | 5;

/** The forms of Forms 2–5 (seed 003), in the forms' order. */
export const FORM_LABELS: Record<FormNumber, string> = {
  2: "ученик – ученик",
  3: "учитель – учитель",
  4: "студент – ученик",
  5: "работодатель – ученик"
};
const FORMS = [2, 3, 4, 5] as const;

export interface FormFigures {
  form: FormNumber;
  label: string;
  /** Programme rows of this form. */
  programmes: number;
  /** Schools with at least one programme of this form. */
  schools: number;
  mentors: number | null;
  mentees: number | null;
  /** Students and teachers engaged by this form (lib/engagedCounts.ts). */
  studentsEngaged: number | null;
  teachersEngaged: number | null;
  /** True when the counts are hidden: fewer people than the group-size setting. */
  suppressed: boolean;
}

export interface ProgrammeLine {
  municipality: string;
  school: string;
  form: FormNumber;
  formLabel: string;
  /** «Наименование программы наставничества» as written; «(без названия)» when empty. */
  programme: string;
  mentors: number | null;
  mentees: number | null;
  /** «Результат программы», free text as written; null when empty. */
  result: string | null;
  suppressed: boolean;
}

export interface EngagementByForm {
  period: string | null;
  /** «по 22 из 22 школ»: the engagement report's coverage of its scope (the region unless asked for a municipality or a school). */
  coverage: string;
  complete: boolean;
  minGroupSize: number;
  region: {byForm: FormFigures[]; studentsEngaged: number | null; teachersEngaged: number | null};
  municipalities: Array<{name: string; byForm: FormFigures[]}>;
  programmes: ProgrammeLine[];
}

interface Row {
  id: number;
  form: number;
  programme: string | null;
  mentors: number | null;
  mentees: number | null;
  result: string | null;
}

/** Every programme row of each directory school's current upload of the period. */
async function programmeRows(store: Store, period: string, scope: ReportScope): Promise<Row[]> {
  return store.read((c) => all<Row>(c, `
    WITH cur AS (SELECT directory_school_id AS id, upload_id FROM current_directory_periods
      WHERE period = $p AND ${directoryInScope("directory_school_id")}),
    sd AS (SELECT school_id, directory_school_id AS id FROM school_directory WHERE directory_school_id IS NOT NULL)
    SELECT cur.id, e.form::INTEGER AS form, e.programme, e.mentors, e.mentees, e.result
    FROM cur JOIN engagement e ON e.upload_id = cur.upload_id AND e.period = $p JOIN sd ON sd.school_id = e.school_id AND sd.id = cur.id
    WHERE e.form BETWEEN 2 AND 5
    ORDER BY cur.id, e.form, e.sheet, e.row_no`, {p: period, ...scopeParams(scope)}));
}

/** Sums of one form's rows; hidden when `hide` and the people engaged are fewer than the group size. */
function formFigures(form: FormNumber, rows: Row[], min: number, hide: boolean): FormFigures {
  const mine = rows.filter((r) => r.form === form);
  const mentors = mine.reduce((s, r) => s + (r.mentors ?? 0), 0), mentees = mine.reduce((s, r) => s + (r.mentees ?? 0), 0);
  const counts = engagedCounts([{form, mentors, mentees}]);
  const people = mentors + mentees;
  const suppressed = hide && people > 0 && isSmallGroup(people, min);
  return {form, label: FORM_LABELS[form], programmes: mine.length, schools: new Set(mine.map((r) => r.id)).size,
    mentors: suppressed ? null : mentors, mentees: suppressed ? null : mentees,
    studentsEngaged: suppressed ? null : counts.students, teachersEngaged: suppressed ? null : counts.teachers, suppressed};
}

/**
 * The quarter's engagement by form and programme (default: the latest quarter with data), over the
 * schools the engagement report counts. Region: Σ over forms of studentsEngaged = the engagement
 * report's region studentsEngaged (teachers likewise). `base`: that quarter's engagement report,
 * when the caller has it.
 */
export async function engagementByForm(store: Store, settings: Settings,
  options: {period?: string; base?: EngagementReport; scope?: ReportScope; suppress?: boolean} = {}): Promise<EngagementByForm> {
  const min = settings.groupSize.minGroupSize;
  // suppress: false gives every count, for reports/aggregateEngagement.ts to hide with the secondary cells.
  const hideSmall = options.suppress ?? true;
  // The engagement report of the same quarter and scope, when the caller already has it (the XLSX): computed once.
  const base = options.base ?? await engagementReport(store, settings, {period: options.period, scope: options.scope});
  const c = base.total.coverage;
  const empty = (hide: boolean) => FORMS.map((f) => formFigures(f, [], min, hide));
  if (!base.period) {
    return {period: null, coverage: c.label, complete: c.complete, minGroupSize: min,
      region: {byForm: empty(false), studentsEngaged: null, teachersEngaged: null}, municipalities: [], programmes: []};
  }
  const counted = new Map(base.schools.filter((s) => s.includedInTotals).map((s) => [s.id, s]));
  const rows = (await programmeRows(store, base.period, base.scope)).filter((r) => counted.has(r.id));
  const byForm = FORMS.map((f) => formFigures(f, rows, min, false));
  const sum = (k: "studentsEngaged" | "teachersEngaged") => (counted.size ? byForm.reduce((s, f) => s + (f[k] ?? 0), 0) : null);
  const municipalities = base.municipalities.map((m) => {
    const mine = rows.filter((r) => counted.get(r.id)!.municipalityId === m.id);
    return {name: m.name, byForm: FORMS.map((f) => formFigures(f, mine, min, hideSmall))};
  });
  const programmes = rows.map((r): ProgrammeLine => {
    const s = counted.get(r.id)!;
    const people = (r.mentors ?? 0) + (r.mentees ?? 0);
    const suppressed = hideSmall && people > 0 && isSmallGroup(people, min);
    const form = r.form as FormNumber;
    return {municipality: s.municipality, school: s.name, form, formLabel: FORM_LABELS[form], programme: r.programme?.trim() || "(без названия)",
      mentors: suppressed ? null : r.mentors, mentees: suppressed ? null : r.mentees, result: r.result?.trim() || null, suppressed};
  }).sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.school.localeCompare(b.school, "ru") || a.form - b.form);
  return {period: base.period, coverage: c.label, complete: c.complete, minGroupSize: min,
    region: {byForm, studentsEngaged: sum("studentsEngaged"), teachersEngaged: sum("teachersEngaged")}, municipalities, programmes};
}
