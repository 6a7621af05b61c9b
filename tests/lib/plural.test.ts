import {describe, expect, it} from "vitest";
import {countWord, plural, severityLabel, waveLabel} from "../../lib/index.ts";

describe("plural", () => {
  it("follows the Russian rule: 1, 21 — one; 2–4, 22–24 — few; 0, 5–20, 25–30, 111–114 — many", () => {
    const w = (n: number) => plural(n, "упоминание", "упоминания", "упоминаний");
    expect([1, 21, 101].map(w)).toEqual(["упоминание", "упоминание", "упоминание"]);
    expect([2, 4, 22, 54].map(w)).toEqual(["упоминания", "упоминания", "упоминания", "упоминания"]);
    expect([0, 5, 11, 12, 14, 20, 111, 114].every((n) => w(n) === "упоминаний")).toBe(true);
  });
  it("writes a count with its word: «54 упоминания», never «54 упоминаний»", () => {
    expect(countWord(54, "упоминание", "упоминания", "упоминаний")).toBe("54 упоминания");
    expect(countWord(11, "школа", "школы", "школ")).toBe("11 школ");
  });
});

describe("glossary", () => {
  it("names severities ошибка / замечание / сведения", () => {
    expect(["error", "warning", "info"].map(severityLabel)).toEqual(["ошибка", "замечание", "сведения"]);
  });
  it("declines the waves: «по итоговой диагностике»", () => {
    expect(`по ${waveLabel("exit", "dative")} диагностике`).toBe("по итоговой диагностике");
    expect(waveLabel("entry")).toBe("входная");
  });
});
