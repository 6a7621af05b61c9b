import {describe, expect, it} from "vitest";
import {isNonAnswer, splitStatements} from "../../lib/index.ts";

describe("splitStatements", () => {
  it("splits at semicolons, new lines and numbered lists and drops non-answers", () => {
    expect(splitStatements("1) опытные наставники; 2. мало времени\n- нет")).toEqual(["опытные наставники", "мало времени"]);
  });

  it("splits sentences but not commas", () => {
    expect(splitStatements("Поддержка коллег, обмен опытом. Много отчётов")).toEqual(["Поддержка коллег, обмен опытом", "Много отчётов"]);
  });

  it("keeps numbers inside a statement", () => {
    expect(splitStatements("в 5 классе 2 урока")).toEqual(["в 5 классе 2 урока"]);
  });

  it("reads bullets and lettered lists", () => {
    expect(splitStatements("• методическая помощь\n• семинары")).toEqual(["методическая помощь", "семинары"]);
    expect(splitStatements("а) первое б) второе")).toEqual(["первое", "второе"]);
  });

  it("returns nothing for an empty answer or a non-answer", () => {
    expect(splitStatements("")).toEqual([]);
    expect(splitStatements("Затрудняюсь ответить")).toEqual([]);
    expect(isNonAnswer("  Нет. ")).toBe(true);
    expect(isNonAnswer("Нет времени")).toBe(false);
  });
});
