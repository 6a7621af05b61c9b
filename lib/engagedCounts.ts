/** Mentors and mentees summed over a school's programme rows of one form (2–5). */
export interface FormTotals {
  form: number;
  mentors: number;
  mentees: number;
}

/**
 * «Количество вовлечённых»: students and teachers engaged from a school's form totals
 * (DOMAIN.md «The quarterly forms»; seed 003): students = F2 mentors + F2 mentees (in
 * «ученик – ученик» both sides are students) + F4 mentees + F5 mentees; teachers = F3 mentors +
 * F3 mentees. Form 4's mentors are college students and Form 5's are employers: not counted.
 * @example engagedCounts([{form: 2, mentors: 10, mentees: 10}, {form: 3, mentors: 5, mentees: 6}, {form: 4, mentors: 4, mentees: 4}])
 * // {students: 24, teachers: 11}
 */
export function engagedCounts(totals: FormTotals[]): {students: number; teachers: number} {
  let students = 0, teachers = 0;
  for (const t of totals) {
    if (t.form === 2) students += t.mentors + t.mentees;
    else if (t.form === 4 || t.form === 5) students += t.mentees;
    else if (t.form === 3) teachers += t.mentors + t.mentees;
  }
  return {students, teachers};
}
