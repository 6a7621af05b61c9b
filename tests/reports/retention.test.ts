import {describe, expect, it, beforeAll, afterAll} from "vitest";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";
import {retentionReport} from "../../reports/retention.ts";
import {D, xlsx} from "../loaders/effectiveness/helpers.ts";

const HEAD = ["Муниципальный район", "Образовательная организация", "Табельный номер", "Дата приёма на работу", "Дата увольнения", "Стаж, лет"];
const S = ["Тарский", "МБОУ \"Тарская СОШ № 3\""];

describe("retentionReport", () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(":memory:");
    await ingestBytes(store, "кадры-2024.xlsx", await xlsx("Кадры", [["по состоянию на 31.05.2024"], HEAD,
      [...S, "A", D(2010, 9, 1), null, 14], [...S, "B", D(2023, 9, 1), null, "0,7"],
      [...S, "C", D(2023, 9, 1), D(2024, 2, 15), "0,5"], [...S, "D", D(2020, 9, 1), D(2023, 12, 29), 10]]));
    await ingestBytes(store, "кадры-2025.xlsx", await xlsx("Кадры", [["по состоянию на 31.05.2025"], HEAD,
      [...S, "A", D(2010, 9, 1), null, 15], [...S, "B", D(2023, 9, 1), null, "1,7"],
      [...S, "E", D(2024, 9, 2), null, "0,7"], [...S, "F", D(2024, 9, 2), D(2025, 1, 31), "0,4"]]));
  });
  afterAll(async () => { await store.close(); });

  it("gives each hiring year's young specialists and the share still there a year later", async () => {
    const r = await retentionReport(store);
    expect(r.observedUntil).toBe("2025-05-31");
    // 2023/24: B stayed past 01.09.2024, C left in February → 1 of 2. 2024/25: F left, E has no year yet.
    expect(r.schools[0]!.cohorts).toEqual([
      {year: 2024, hired: 2, retained: 1, left: 1, pending: 0, share: 50},
      {year: 2025, hired: 2, retained: 0, left: 1, pending: 1, share: 0}]);
  });

  it("gives turnover per school year from the headcount on its first and last day", async () => {
    const r = await retentionReport(store);
    // 2023/24: 1 Sep A, B, C, D = 4; 31 Aug A, B = 2; average 3; C and D left → 66.7 %.
    // 2024/25: 1 Sep A, B = 2; 31 Aug A, B, E = 3; average 2.5; F left → 40 %.
    const [t24, t25] = r.schools[0]!.turnover;
    expect(t24).toMatchObject({year: 2024, headcountStart: 4, headcountEnd: 2, averageHeadcount: 3, hires: 2, leavers: 2});
    expect(t24!.rate).toBeCloseTo(200 / 3, 8);
    expect(t25).toEqual({year: 2025, headcountStart: 2, headcountEnd: 3, averageHeadcount: 2.5, hires: 2, leavers: 1, rate: 40});
    expect(r.region.turnover).toEqual(r.schools[0]!.turnover);
    expect(r.region.cohorts).toEqual(r.schools[0]!.cohorts);
  });

  it("returns empty lists for an empty database and for a school not found", async () => {
    const empty = await Store.open(":memory:");
    try {
      expect(await retentionReport(empty)).toEqual({schoolYear: null, observedUntil: null, scope: {level: "region"}, region: {cohorts: [], turnover: [], youngUnknown: 0}, schools: []});
    } finally {
      await empty.close();
    }
    expect((await retentionReport(store, {school: "Саргатская"})).schools).toEqual([]);
  });
});
