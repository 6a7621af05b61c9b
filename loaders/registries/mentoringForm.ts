// The forms of mentoring (DOMAIN.md «Core notions») as codes, from the ways schools write them.
import {normalizeKey} from "../../lib/normalizeText.ts";

export const MENTORING_FORMS = {
  "teacher-teacher": "учитель – учитель",
  "student-student": "ученик – ученик",
  "college-student": "студент – ученик",
  "employer-student": "работодатель – ученик",
  "educator-student": "педагог – ученик",
  "head-educator": "руководитель – педагог"
} as const;

export type MentoringForm = keyof typeof MENTORING_FORMS;

const BY_KEY = new Map<string, MentoringForm>(
  Object.entries(MENTORING_FORMS).map(([code, ru]) => [normalizeKey(ru), code as MentoringForm]));

/**
 * The form's code from a cell: dashes of any kind (or «/»), spaces and case do not matter,
 * «учитель-учитель», «Учитель — учитель», «форма "учитель – учитель"» are one form. Anything else
 * is null (the caller reports it).
 */
export function mentoringForm(text: string): MentoringForm | null {
  const key = normalizeKey(text)
    .replace(/^форма( наставничества)?\s*:?\s*/, "")
    .replace(/["]/g, "")
    .replace(/\s*[/–—]\s*/g, "-")
    .replace(/\.$/, "")
    .trim();
  return BY_KEY.get(key) ?? null;
}
