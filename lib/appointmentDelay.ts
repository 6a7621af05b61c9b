// Whether a mentor was appointed in time after the mentee started work.
import {daysBetween, termEnd} from "./termEnd.ts";

export interface AppointmentDelay {
  /** ok / late, or not-checked when a date is missing (the rule is then neither passed nor failed). */
  status: "ok" | "late" | "not-checked";
  /** Calendar days from starting work to the appointment; null when not checked. */
  days: number | null;
  /** The last allowed appointment day: start of work + limit days. */
  deadline: Date | null;
  reason: "no-work-start" | "no-appointment" | null;
}

/**
 * «Срок назначения наставника»: days from the mentee's actual start of work to the mentor's
 * appointment, against «не позднее 30 календарных дней со дня фактического допущения к работе».
 *
 * Formula: deadline = workStart + limitDays calendar days (the term runs from the day after the
 * start, Civil Code art. 191, and ends on its 30th day); the appointment is late when it falls after
 * the deadline, so exactly 30 days is in time and 31 days is late. An appointment on or before the
 * start of work is in time. Without a start-of-work date (or an appointment date) the rule is
 * «not checked», never passed. Source: seed 001, model regulation (step 5).
 *
 * @example appointmentDelay(new Date("2024-08-15"), new Date("2024-09-14"))
 * // {status: "ok", days: 30, deadline: 2024-09-14, reason: null}
 */
export function appointmentDelay(workStart: Date | null, appointed: Date | null, limitDays = 30): AppointmentDelay {
  if (!workStart) return {status: "not-checked", days: null, deadline: null, reason: "no-work-start"};
  const deadline = termEnd(workStart, {days: limitDays});
  if (!appointed) return {status: "not-checked", days: null, deadline, reason: "no-appointment"};
  const days = daysBetween(workStart, appointed);
  return {status: appointed > deadline ? "late" : "ok", days, deadline, reason: null};
}
