import {describe, expect, it} from "vitest";
import {schoolYearInText} from "../../../loaders/diagnostics/schoolYear.ts";
import {examineFile} from "../../../loaders/ingest.ts";
import type {DiagnosticsData} from "../../../loaders/diagnostics/parse.ts";
import {workbookBytes, HEADER, SCHOOL1} from "./helpers.ts";

describe("the school year of a diagnostics sheet", () => {
  it("is read from a school year, a month and year, or a date in the text", () => {
    expect(schoolYearInText("Диагностика педагогов Омского района, 2025–2026 уч. г.")).toBe(2026);
    expect(schoolYearInText("Тарский_диагностика_2025-2026")).toBe(2026);
    expect(schoolYearInText("Результаты входной диагностики, апрель 2025 г.")).toBe(2025);
    expect(schoolYearInText("итоговая, сентябрь 2025")).toBe(2026);
    expect(schoolYearInText("проведена 15.04.2025")).toBe(2025);
  });
  it("is not guessed from a bare year or from two different years", () => {
    expect(schoolYearInText("Итоговая диагностика 2026")).toBeNull();
    expect(schoolYearInText("апрель 2025 и май 2026")).toBeNull();
    expect(schoolYearInText("2024-2026")).toBeNull();
  });
  it("comes from the sheet first, then the upload's choice, then the file name; unknown is information, not an error", async () => {
    const bytes = await workbookBytes([{name: "Входная", rows: [["Входная диагностика, апрель 2025 г."], [], HEADER, ["Иванова Анна", SCHOOL1, "Саргатский", 50]]},
      {name: "Итоговая", rows: [HEADER, ["Иванова Анна", SCHOOL1, "Саргатский", 60]]}]);
    const a = await examineFile("диагностика.xlsx", bytes, {schoolYear: 2026});
    expect(a.ok && (a.parsed.data as DiagnosticsData).sheetYears).toEqual({"Входная": 2025, "Итоговая": 2026});
    const b = await examineFile("диагностика.xlsx", bytes);
    expect(b.ok && (b.parsed.data as DiagnosticsData).sheetYears).toEqual({"Входная": 2025, "Итоговая": null});
    expect(b.ok && b.parsed.issues.filter((i) => i.kind === "diagnostics/no-school-year"))
      .toEqual([expect.objectContaining({severity: "info", sheet: "Итоговая", details: {sheets: ["Итоговая"]}})]);
  });
});
