// How far a route has been followed: its activities done, overdue and still planned on a date.

/** What the completion mark says (loaders/routes/mark.ts reads it from the cell). */
export type MarkStatus = "done" | "not-done" | "unmarked";

export interface RouteActivityMark {
  status: MarkStatus;
  /** Planned end (ISO date), null when the dates could not be read or were not given. */
  plannedEnd: string | null;
  hours: number | null;
}

/** done; overdue (not done, planned end before the date); planned (end on or after it); undated (no end known). */
export type ActivityState = "done" | "overdue" | "planned" | "undated";

/**
 * «Состояние мероприятия ИОМ» on a date: «пройдено» when the mark says so (a mark, a date or a
 * document number), else «просрочено» when its planned end is before the date, «запланировано»
 * when it is on or after it, «без срока» when no end is known.
 * Source: seed 001, Приложение № 1, block 5 («Сроки прохождения», «Отметка о прохождении»).
 * @example activityState({status: "unmarked", plannedEnd: "2026-03-31", hours: 36}, "2026-04-01") // "overdue"
 * @example activityState({status: "unmarked", plannedEnd: "2026-03-31", hours: 36}, "2026-03-31") // "planned"
 * @example activityState({status: "done", plannedEnd: "2026-03-31", hours: 36}, "2026-04-01") // "done"
 */
export function activityState(a: RouteActivityMark, asOf: string): ActivityState {
  if (a.status === "done") return "done";
  if (a.plannedEnd === null) return "undated";
  return a.plannedEnd < asOf ? "overdue" : "planned";
}

export interface RouteCompletion {
  activities: number;
  done: number;
  overdue: number;
  planned: number;
  undated: number;
  /** done / activities (0–1); null for a route without activities. */
  share: number | null;
  hoursPlanned: number;
  hoursDone: number;
  /** Every activity done (a route without activities is not complete). */
  complete: boolean;
}

/**
 * «Выполнение ИОМ»: counts of activities by state on a date, the share done (done / all
 * activities) and hours planned and done (hours not given count 0).
 * @example
 * routeCompletion([{status: "done", plannedEnd: "2025-12-31", hours: 36},
 *   {status: "unmarked", plannedEnd: "2026-02-28", hours: null},
 *   {status: "not-done", plannedEnd: "2026-05-31", hours: 16}], "2026-03-01")
 * // activities 3, done 1, overdue 1, planned 1, undated 0, share 1/3, hoursPlanned 52, hoursDone 36, complete false
 */
export function routeCompletion(list: readonly RouteActivityMark[], asOf: string): RouteCompletion {
  const c: RouteCompletion = {activities: list.length, done: 0, overdue: 0, planned: 0, undated: 0, share: null,
    hoursPlanned: 0, hoursDone: 0, complete: false};
  for (const a of list) {
    c[activityState(a, asOf)]++;
    c.hoursPlanned += a.hours ?? 0;
    if (a.status === "done") c.hoursDone += a.hours ?? 0;
  }
  c.share = list.length ? c.done / list.length : null;
  c.complete = list.length > 0 && c.done === list.length;
  return c;
}

export interface CompletionTotals extends RouteCompletion {
  /** Routes summed. */
  routes: number;
  /** Routes with every activity done. */
  routesComplete: number;
}

/**
 * «Выполнение ИОМ по школе (муниципалитету)»: the routes' counts summed; the share is Σ done /
 * Σ activities (never a mean of the routes' shares).
 * @example
 * sumCompletion([routeCompletion([{status: "done", plannedEnd: null, hours: 36}], "2026-01-01"),
 *   routeCompletion([{status: "unmarked", plannedEnd: "2025-12-01", hours: 36},
 *     {status: "unmarked", plannedEnd: "2025-12-01", hours: 36}, {status: "done", plannedEnd: null, hours: 36}], "2026-01-01")])
 * // routes 2, routesComplete 1, activities 4, done 2, overdue 2, share 0.5 (a mean of shares would say (1 + 1/3)/2 = 0.667)
 */
export function sumCompletion(list: readonly RouteCompletion[]): CompletionTotals {
  const t: CompletionTotals = {routes: list.length, routesComplete: 0, activities: 0, done: 0, overdue: 0, planned: 0, undated: 0,
    share: null, hoursPlanned: 0, hoursDone: 0, complete: false};
  for (const c of list) {
    t.activities += c.activities; t.done += c.done; t.overdue += c.overdue; t.planned += c.planned; t.undated += c.undated;
    t.hoursPlanned += c.hoursPlanned; t.hoursDone += c.hoursDone;
    if (c.complete) t.routesComplete++;
  }
  t.share = t.activities ? t.done / t.activities : null;
  t.complete = t.activities > 0 && t.done === t.activities;
  return t;
}
