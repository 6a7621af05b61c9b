import {describe, expect, it} from "vitest";
import {prepostReading, formatP} from "../../lib/index.ts";

const NB = "\u00a0";

describe("prepostReading", () => {
  it("reads the documented example: 48 % → 37 %, t-test for 40 pairs, large effect", () => {
    expect(prepostReading({label: "Методические", nPairs: 40, meanEntry: 52, meanExit: 63, pT: 0.0002,
      wilcoxon: {p: 0.0004}, dz: 0.9}))
      .toBe(`Методические: дефицит снизился с 48${NB}% до 37${NB}% (пар: 40), изменение статистически значимо (парный t-критерий, p < 0,001), эффект большой.`);
  });

  it("relies on the Wilcoxon test for fewer than 30 pairs and says when the change is not significant", () => {
    expect(prepostReading({label: "Цифровые", nPairs: 12, meanEntry: 60, meanExit: 58.6, pT: 0.01,
      wilcoxon: {p: 0.2143}, dz: -0.1}))
      .toBe(`Цифровые: дефицит вырос с 40${NB}% до 41${NB}% (пар: 12), изменение статистически не значимо (критерий Уилкоксона, p = 0,214), эффект пренебрежимо малый.`);
  });

  it("says there is nothing to compare without pairs, and no inference from one teacher", () => {
    expect(prepostReading({label: "Предметные", nPairs: 0, meanEntry: null, meanExit: null, pT: null, wilcoxon: null, dz: null}))
      .toBe("Предметные: нет педагогов с входной и итоговой диагностикой.");
    expect(prepostReading({label: "Предметные", nPairs: 1, meanEntry: 44, meanExit: 44, pT: null, wilcoxon: null, dz: null}))
      .toBe(`Предметные: дефицит не изменился (56${NB}%); это один педагог, статистический вывод невозможен.`);
  });

  it("says so when nobody's result changed", () => {
    expect(prepostReading({label: "Коммуникативные", nPairs: 5, meanEntry: 80, meanExit: 80, pT: null, wilcoxon: null, dz: null}))
      .toBe(`Коммуникативные: дефицит не изменился (20${NB}%) (пар: 5), ни у одного педагога результат не изменился.`);
  });

  it("writes p in ru-RU with three decimals or as «p < 0,001»", () => {
    expect(formatP(0.0499)).toBe("p = 0,050");
    expect(formatP(0.00099)).toBe("p < 0,001");
  });
});
