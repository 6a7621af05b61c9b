import {describe, expect, it} from "vitest";
import {appointmentDelay} from "../../lib/index.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("appointmentDelay", () => {
  it("an appointment exactly 30 days after the start of work is in time (the documented example)", () => {
    expect(appointmentDelay(d("2024-08-15"), d("2024-09-14"))).toEqual(
      {status: "ok", days: 30, deadline: d("2024-09-14"), reason: null});
  });
  it("31 days after the start of work is late", () => {
    expect(appointmentDelay(d("2024-08-15"), d("2024-09-15"))).toEqual(
      {status: "late", days: 31, deadline: d("2024-09-14"), reason: null});
  });
  it("an appointment on or before the start of work is in time", () => {
    expect(appointmentDelay(d("2024-09-01"), d("2024-09-01")).status).toBe("ok");
    expect(appointmentDelay(d("2024-09-01"), d("2024-08-30"))).toMatchObject({status: "ok", days: -2});
  });
  it("without a start-of-work date the rule is not checked rather than passed", () => {
    expect(appointmentDelay(null, d("2024-09-01"))).toEqual({status: "not-checked", days: null, deadline: null, reason: "no-work-start"});
  });
  it("without an appointment date the rule is not checked", () => {
    expect(appointmentDelay(d("2024-09-01"), null)).toMatchObject({status: "not-checked", reason: "no-appointment"});
  });
  it("the limit comes from the configuration", () => {
    expect(appointmentDelay(d("2024-09-01"), d("2024-09-16"), 14).status).toBe("late");
  });
});
