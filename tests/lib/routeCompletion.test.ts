import {describe, expect, it} from "vitest";
import {activityState, routeCompletion, sumCompletion} from "../../lib/routeCompletion.ts";

describe("activityState", () => {
  it("is done whatever the dates when marked, overdue only after the planned end", () => {
    expect(activityState({status: "unmarked", plannedEnd: "2026-03-31", hours: 36}, "2026-04-01")).toBe("overdue");
    expect(activityState({status: "not-done", plannedEnd: "2026-03-31", hours: 36}, "2026-03-31")).toBe("planned");
    expect(activityState({status: "done", plannedEnd: "2026-03-31", hours: 36}, "2026-04-01")).toBe("done");
    expect(activityState({status: "unmarked", plannedEnd: null, hours: null}, "2026-04-01")).toBe("undated");
  });
});

describe("routeCompletion and sumCompletion", () => {
  it("works the documented route: one of three done, one overdue", () => {
    expect(routeCompletion([{status: "done", plannedEnd: "2025-12-31", hours: 36}, {status: "unmarked", plannedEnd: "2026-02-28", hours: null},
      {status: "not-done", plannedEnd: "2026-05-31", hours: 16}], "2026-03-01")).toEqual({activities: 3, done: 1, overdue: 1, planned: 1,
      undated: 0, share: 1 / 3, hoursPlanned: 52, hoursDone: 36, complete: false});
  });

  it("says nothing about the share of an empty route and does not call it complete", () => {
    expect(routeCompletion([], "2026-01-01")).toMatchObject({activities: 0, share: null, complete: false});
  });

  it("sums a school's routes: Σ done / Σ activities, not a mean of shares", () => {
    const t = sumCompletion([routeCompletion([{status: "done", plannedEnd: null, hours: 36}], "2026-01-01"),
      routeCompletion([{status: "unmarked", plannedEnd: "2025-12-01", hours: 36}, {status: "unmarked", plannedEnd: "2025-12-01", hours: 36},
        {status: "done", plannedEnd: null, hours: 36}], "2026-01-01")]);
    expect(t).toEqual({routes: 2, routesComplete: 1, activities: 4, done: 2, overdue: 2, planned: 0, undated: 0, share: 0.5,
      hoursPlanned: 144, hoursDone: 72, complete: false});
    expect(sumCompletion([])).toMatchObject({routes: 0, share: null});
  });
});
