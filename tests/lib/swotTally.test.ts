import {describe, expect, it} from "vitest";
import {swotTally, type SwotMention} from "../../lib/index.ts";

const M = (respondent: string, role: string, quadrant: SwotMention["quadrant"], statementId: string | null): SwotMention =>
  ({respondent, role, quadrant, statementId});

describe("swotTally", () => {
  it("works the documented example", () => {
    const t = swotTally([{id: "a", role: "наставник"}, {id: "b", role: "наставляемый"}],
      [M("a", "наставник", "strengths", "S1"), M("b", "наставляемый", "strengths", "S1"), M("b", "наставляемый", "threats", null)],
      new Map([["S1", "Поддержка"]]));
    const s = t.quadrants.find((q) => q.quadrant === "strengths")!;
    expect(s).toMatchObject({mentions: 2, respondents: 2, share: 100, uncodedMentions: 0});
    expect(t.statements).toEqual([{id: "S1", quadrant: "strengths", label: "Поддержка", mentions: 2, respondents: 2, share: 100,
      byRole: {наставник: {mentions: 1, respondents: 1, share: 100}, наставляемый: {mentions: 1, respondents: 1, share: 100}}}]);
    expect(t.quadrants.find((q) => q.quadrant === "threats")).toMatchObject({mentions: 1, respondents: 1, share: 50, uncodedMentions: 1});
    expect(t.uncodedMentions).toBe(0);
  });

  // Hand-worked: 5 respondents (3 mentors m1–m3, 2 mentees e1–e2).
  // W1 «time»: m1 twice, m2, e1 → 4 mentions, 3 respondents, 60 %; mentors 2/3 = 66.67 %, mentees 1/2 = 50 %.
  // W2 «paper»: m3 → 1 mention, 20 %. S1: e2 → 20 %. One uncoded statement by e2 (no quadrant).
  const respondents = [{id: "m1", role: "наставник"}, {id: "m2", role: "наставник"}, {id: "m3", role: "наставник"},
    {id: "e1", role: "наставляемый"}, {id: "e2", role: "наставляемый"}];
  const mentions = [M("m1", "наставник", "weaknesses", "W1"), M("m1", "наставник", "weaknesses", "W1"),
    M("m2", "наставник", "weaknesses", "W1"), M("e1", "наставляемый", "weaknesses", "W1"),
    M("m3", "наставник", "weaknesses", "W2"), M("e2", "наставляемый", "strengths", "S1"), M("e2", "наставляемый", null, null)];
  const labels = new Map([["W1", "Нехватка времени"], ["W2", "Отчётность"], ["S1", "Поддержка"]]);

  it("counts mentions and respondents per quadrant with shares over all respondents and per role", () => {
    const t = swotTally(respondents, mentions, labels);
    expect(t.respondents).toEqual({total: 5, byRole: {наставник: 3, наставляемый: 2}});
    const w = t.quadrants.find((q) => q.quadrant === "weaknesses")!;
    expect(w.mentions).toBe(5);
    expect(w.respondents).toBe(4);
    expect(w.share).toBeCloseTo(80, 8);
    expect(w.byRole.наставник).toEqual({mentions: 4, respondents: 3, share: 100});
    expect(w.byRole.наставляемый).toEqual({mentions: 1, respondents: 1, share: 50});
    expect(t.uncodedMentions).toBe(1);
    expect(t.quadrants.find((q) => q.quadrant === "opportunities")).toMatchObject({mentions: 0, respondents: 0, share: 0, top: []});
  });

  it("ranks the top statements of a quadrant by mentions", () => {
    const w = swotTally(respondents, mentions, labels).quadrants.find((q) => q.quadrant === "weaknesses")!;
    expect(w.top.map((s) => s.id)).toEqual(["W1", "W2"]);
    expect(w.top[0]!.share).toBeCloseTo(60, 8);
    expect(w.top[0]!.byRole.наставник!.share).toBeCloseTo(200 / 3, 8);
    expect(swotTally(respondents, mentions, labels, 1).quadrants.find((q) => q.quadrant === "weaknesses")!.top).toHaveLength(1);
  });

  it("gives null shares, not NaN, when there are no respondents", () => {
    const t = swotTally([], [], new Map());
    expect(t.respondents.total).toBe(0);
    expect(t.quadrants.every((q) => q.share === null && q.mentions === 0)).toBe(true);
  });

  it("throws for a mention of a respondent not in the list", () => {
    expect(() => swotTally([], [M("x", "куратор", "threats", null)], new Map())).toThrow(/unknown respondent/);
  });
});
