import {describe, expect, it} from "vitest";
import {russianStem, stemWords} from "../../lib/index.ts";

describe("russianStem", () => {
  it("brings the forms of a noun to one stem", () => {
    expect(["Наставников", "наставники", "наставнику", "наставник"].map(russianStem)).toEqual(Array(4).fill("наставник"));
    expect(["поддержки", "поддержка", "поддержку"].map(russianStem)).toEqual(Array(3).fill("поддержк"));
  });

  it("brings the forms of an adjective to one stem and reads ё as е", () => {
    expect(["опытные", "опытный", "опытных", "опытными"].map(russianStem)).toEqual(Array(4).fill("опытн"));
    expect(russianStem("отчётность")).toBe(russianStem("отчетности"));
  });

  it("keeps short words, numbers and Latin words as they are", () => {
    expect(russianStem("ИОМ")).toBe("иом");
    expect(russianStem("2024")).toBe("2024");
    expect(russianStem("Zoom")).toBe("zoom");
  });

  it("splits a text into stemmed words, hyphenated words whole", () => {
    expect(stemWords("Онлайн-курсы для молодых педагогов")).toEqual(["онлайн-курс", "для", "молод", "педагог"]);
  });
});
