import {describe, expect, it} from "vitest";
import {codeStatement, compileCodebook, questionQuadrant} from "../../lib/index.ts";
import {readFileSync} from "node:fs";

const small = compileCodebook({quadrantQuestions: {weaknesses: ["слабые стороны"], threats: ["риски"]}, statements: [
  {id: "S-support", quadrant: "strengths", label: "Поддержка наставника", patterns: ["поддержка наставника"]},
  {id: "W-no-time", quadrant: "weaknesses", label: "Нехватка времени", patterns: ["не хватает времени", "нехватка времени"]},
  {id: "W-no-time-mentor", quadrant: "weaknesses", label: "Нехватка времени у наставников", patterns: ["нехватка времени наставник"]},
  {id: "T-burnout", quadrant: "threats", label: "Выгорание", patterns: ["выгорание"]}
]});

describe("codeStatement", () => {
  it("matches the documented examples", () => {
    expect(codeStatement("Наставникам не хватает времени", small)).toEqual({quadrant: "weaknesses", statementId: "W-no-time"});
    expect(codeStatement("нет поддержки от наставника", small)).toEqual({quadrant: null, statementId: null});
    expect(codeStatement("Поддержку наставников", small)).toEqual({quadrant: "strengths", statementId: "S-support"});
  });

  it("ignores case, ё and word order and endings", () => {
    expect(codeStatement("НАСТАВНИКОВ ПОДДЕРЖКА", small).statementId).toBe("S-support");
    expect(codeStatement("Поддержкой наставника!", small).statementId).toBe("S-support");
  });

  it("prefers the phrase with more words", () => {
    expect(codeStatement("Нехватка времени у наставников", small).statementId).toBe("W-no-time-mentor");
    expect(codeStatement("нехватка времени", small).statementId).toBe("W-no-time");
  });

  it("restricts to the quadrant a question names, and keeps that quadrant when nothing fits", () => {
    expect(codeStatement("выгорание педагогов", small, "weaknesses")).toEqual({quadrant: "weaknesses", statementId: null});
    expect(codeStatement("выгорание педагогов", small, "threats")).toEqual({quadrant: "threats", statementId: "T-burnout"});
  });

  it("leaves a statement that fits no phrase uncoded", () => {
    expect(codeStatement("хорошая столовая", small)).toEqual({quadrant: null, statementId: null});
  });
});

describe("questionQuadrant", () => {
  it("finds the quadrant a question names and null otherwise", () => {
    expect(questionQuadrant("Назовите слабые стороны программы", small)).toBe("weaknesses");
    expect(questionQuadrant("Какие риски вы видите?", small)).toBe("threats");
    expect(questionQuadrant("Ваши пожелания", small)).toBeNull();
  });
});

describe("compileCodebook", () => {
  it("refuses a codebook with a repeated id or an unknown quadrant", () => {
    expect(() => compileCodebook({quadrantQuestions: {}, statements: [
      {id: "a", quadrant: "strengths", label: "x", patterns: ["xx"]},
      {id: "a", quadrant: "threats", label: "y", patterns: ["yy"]}]})).toThrow(/повторяется id/);
    expect(() => compileCodebook({quadrantQuestions: {}, statements: [
      {id: "a", quadrant: "plus", label: "x", patterns: ["xx"]}]})).toThrow();
  });

  it("accepts the default codebook in data/config", () => {
    const cb = compileCodebook(JSON.parse(readFileSync("data/config/swot-codebook.json", "utf8")));
    expect(cb.codebook.statements.length).toBeGreaterThan(20);
    expect(questionQuadrant("Сильные стороны программы наставничества", cb)).toBe("strengths");
    expect(questionQuadrant("Какие возможности открывает программа?", cb)).toBe("opportunities");
    expect(questionQuadrant("Угрозы (риски) реализации программы", cb)).toBe("threats");
  });
});
