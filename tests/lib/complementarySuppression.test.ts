import {describe, expect, it} from "vitest";
import {complementarySuppression, determinedCells, primaryCells, recoverableCells, recoveredValues, type Equation} from "../../lib/index.ts";

describe("primaryCells", () => {
  it("1..min−1 people are small; zero and unknown are not (the @example)", () => {
    expect(primaryCells({a: 3, b: 12, c: 0, d: null}, 5)).toEqual(new Set(["a"]));
    expect(primaryCells({a: 4, b: 5, c: 1}, 5)).toEqual(new Set(["a", "c"]));
  });
});

describe("complementarySuppression", () => {
  it("a municipality of schools 3, 12, 40, 50 (min 5): 3 primary, 12 secondary (the @example)", () => {
    const s = complementarySuppression({M: 105, A: 3, B: 12, C: 40, D: 50}, [{total: "M", parts: ["A", "B", "C", "D"]}], 5);
    expect(s.hidden).toEqual(new Set(["A", "B"]));
    expect(s.secondary).toEqual(new Set(["B"]));
  });

  // Hand-worked region: М1 = 3 + 12 + 40 + 50 = 105 (А1 primary, Б1 secondary — as above, М1 shown);
  // М2 = 2 + 2 = 4: both schools primary and М2 itself has 4 people, primary; the region 109 = 105 + 4
  // would give М2 = 109 − 105, so М2 is hidden — and then the region's equation has one hidden cell
  // (М2): the smallest other part, М1 (105), is hidden as the secondary. Now М1 is hidden while all
  // its schools but А1, Б1 are shown: 2 hidden in М1's equation plus М1 itself = 3, fine.
  it("a region of two municipalities where one becomes suppressed: the other is hidden in the region's equation", () => {
    const sizes = {R: 109, M1: 105, M2: 4, A1: 3, B1: 12, C1: 40, D1: 50, A2: 2, B2: 2};
    const eqs: Equation[] = [{total: "R", parts: ["M1", "M2"]}, {total: "M1", parts: ["A1", "B1", "C1", "D1"]}, {total: "M2", parts: ["A2", "B2"]}];
    const s = complementarySuppression(sizes, eqs, 5);
    expect(s.hidden).toEqual(new Set(["A1", "B1", "M2", "A2", "B2", "M1"]));
    expect(s.secondary).toEqual(new Set(["B1", "M1"]));
    expect(recoverableCells(eqs, s.hidden)).toEqual([]);
    expect(determinedCells(eqs, s.hidden)).toEqual([]);
  });

  it("a municipality hidden only to protect the region goes down: one of its schools is hidden too", () => {
    // М2 (3 people, one school С) is primary, and so is С; the region's equation then hides М1 (the
    // smallest other, 20); М1's equation has its total alone hidden: its smallest school А (8) is hidden
    // too — М1 = А + Б with Б shown leaves М1 and А unknown, two cells.
    const sizes = {R: 123, M1: 20, M2: 3, M3: 100, A: 8, B: 12, C: 3, D: 100};
    const eqs: Equation[] = [{total: "R", parts: ["M1", "M2", "M3"]}, {total: "M1", parts: ["A", "B"]}, {total: "M2", parts: ["C"]},
      {total: "M3", parts: ["D"]}];
    const s = complementarySuppression(sizes, eqs, 5);
    expect(s.hidden).toEqual(new Set(["M2", "C", "M1", "A"]));
    expect(recoverableCells(eqs, s.hidden)).toEqual([]);
    expect(determinedCells(eqs, s.hidden)).toEqual([]);
  });

  it("a zero part is not used while a non-zero one can be; the tie-break is the id", () => {
    const s = complementarySuppression({T: 30, a: 3, b: 0, c: 9, d: 9, e: 9}, [{total: "T", parts: ["e", "d", "c", "b", "a"]}], 5);
    expect(s.hidden).toEqual(new Set(["a", "c"]));
  });

  it("a hidden total with every part shown gets a part hidden; a single part takes its total with it", () => {
    expect(complementarySuppression({T: 4, a: 0, b: 0, c: 0}, [{total: "T", parts: ["a", "b", "c"]}], 5).hidden)
      .toEqual(new Set(["T", "a"]));
    expect(complementarySuppression({T: 3, a: 3}, [{total: "T", parts: ["a"]}], 5, ["a"]).hidden).toEqual(new Set(["a", "T"]));
  });

  it("a crossed table (municipality × form with both margins): no hidden cell is alone in a row or column", () => {
    // rows М1, М2; columns Ф2, Ф4; margins М (row totals) and Ф (column totals), R the grand total.
    const sizes = {R: 100, M1: 50, M2: 50, F2: 60, F4: 40, M1F2: 47, M1F4: 3, M2F2: 13, M2F4: 37};
    const eqs: Equation[] = [{total: "M1", parts: ["M1F2", "M1F4"]}, {total: "M2", parts: ["M2F2", "M2F4"]},
      {total: "F2", parts: ["M1F2", "M2F2"]}, {total: "F4", parts: ["M1F4", "M2F4"]}, {total: "R", parts: ["M1", "M2"]}, {total: "R", parts: ["F2", "F4"]}];
    const s = complementarySuppression(sizes, eqs, 5);
    expect(s.hidden).toEqual(new Set(["M1F4", "M1F2", "M2F4", "M2F2"]));
    expect(recoverableCells(eqs, s.hidden)).toEqual([]);
    expect(determinedCells(eqs, s.hidden)).toEqual([]);
  });
});

describe("recoverableCells and determinedCells", () => {
  it("one hidden cell in an equation is recoverable; two are not (the @examples)", () => {
    expect(recoverableCells([{total: "M", parts: ["A", "B", "C"]}], new Set(["A"]))).toEqual(["A"]);
    expect(recoverableCells([{total: "M", parts: ["A", "B", "C"]}], new Set(["A", "B"]))).toEqual([]);
  });
  it("the system as a whole can determine a cell no single equation gives (the @example)", () => {
    expect(determinedCells([{total: "M", parts: ["A", "B"]}, {total: "R", parts: ["M", "N"]}], new Set(["A", "B", "M"]))).toEqual(["M"]);
    // A − B known from two equations sharing both: a = (M1 − x) and b = ... not each alone.
    expect(determinedCells([{total: "T", parts: ["a", "b"]}, {total: "U", parts: ["a", "c"]}, {total: "V", parts: ["b", "c"]}],
      new Set(["a", "b", "c"]))).toEqual(["a", "b", "c"]);
  });
  it("recovers what a reader would compute (the @example), and nothing once two cells are hidden", () => {
    expect(recoveredValues([{total: "R", parts: ["M", "N"]}], new Set(["M"]), {R: 10, N: 4})).toEqual(new Map([["M", 6]]));
    expect(recoveredValues([{total: "R", parts: ["M", "N"]}], new Set(["M", "N"]), {R: 10})).toEqual(new Map());
  });
});

describe("complementarySuppression beyond one equation at a time", () => {
  it("a crossed table where two hidden per equation still leaves a cell determined gets one more secondary", () => {
    // Programmes P (school S1, 3 people), Q and Q2 (school S2) of one form in a municipality: MF = P + Q + Q2 + R,
    // S1 = P, S2 = Q + Q2. The rule alone hides P, S1 (its only programme), then Q (the smallest in MF) and Q2 (S2's other):
    // but S2 is shown, so P = MF − R − S2. The exact check hides R as well (the smallest visible in MF's equation).
    const sizes = {MF: 60, P: 3, Q: 8, Q2: 20, R: 29, S1: 3, S2: 28, U: 29};
    const eqs: Equation[] = [{total: "MF", parts: ["P", "Q", "Q2", "R"]}, {total: "S1", parts: ["P"]}, {total: "S2", parts: ["Q", "Q2"]},
      {total: "U", parts: ["R"]}];
    const rule = complementarySuppression(sizes, eqs, 5, ["P"], {exact: false});
    expect(rule.hidden).toEqual(new Set(["P", "S1", "Q", "Q2"]));
    expect(determinedCells(eqs, rule.hidden)).toEqual(["P", "S1"]);
    const exact = complementarySuppression(sizes, eqs, 5, ["P"]);
    expect(exact.hidden).toEqual(new Set(["P", "S1", "Q", "Q2", "R", "U"]));
    expect(determinedCells(eqs, exact.hidden)).toEqual([]);
  });
});
