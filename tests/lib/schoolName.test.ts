import {describe, expect, it} from "vitest";
import {isSimilarSchoolName, municipalityKey, schoolInTitle, schoolNameKey, schoolNameSimilarity, SIMILAR_NAME} from "../../lib/schoolName.ts";

describe("schoolNameKey: what varies between spellings of one school is taken out", () => {
  it("the @examples", () => {
    expect(schoolNameKey("МБОУ «СОШ № 1»")).toBe("сош №1");
    expect(schoolNameKey("Муниципальное бюджетное общеобразовательное учреждение \"Средняя общеобразовательная школа №1\"")).toBe("сош №1");
    expect(schoolNameKey("МКОУ \"Тарская ООШ № 5\"")).toBe("оош тарская №5");
  });
  it("quotes of any kind, spaces, «№1» / «№ 1» / «N 1», case and ё/е", () => {
    const same = ["МБОУ СОШ №1", "МБОУ «СОШ № 1»", "мбоу \"сош  №  1\"", "МБОУ „СОШ N 1“", "МБОУ 'СОШ № 1'", " МБОУ  СОШ №1 "];
    expect(new Set(same.map(schoolNameKey))).toEqual(new Set(["сош №1"]));
    expect(schoolNameKey("Берёзовская СОШ")).toBe(schoolNameKey("Березовская СОШ"));
  });
  it("legal forms, spelled out or abbreviated, are left out; the kind of school in any case is СОШ / ООШ / НОШ", () => {
    for (const form of ["МБОУ", "МКОУ", "МАОУ", "МОУ", "БОУ", "ГБОУ", "Муниципальное казённое общеобразовательное учреждение"]) {
      expect(schoolNameKey(`${form} «Тарская СОШ № 3»`)).toBe("сош тарская №3");
    }
    expect(schoolNameKey("Тарская средняя общеобразовательная школа № 3")).toBe("сош тарская №3");
    expect(schoolNameKey("средней общеобразовательной школы № 3 Тарская")).toBe("сош тарская №3");
    expect(schoolNameKey("Основная общеобразовательная школа с. Атирка")).toBe(schoolNameKey("ООШ села Атирка"));
    expect(schoolNameKey("Начальная общеобразовательная школа № 2")).toBe("нош №2");
  });
  it("«г.» / «город», «с.» / «село» and word order", () => {
    expect(schoolNameKey("МБОУ «СОШ № 47» г. Омска")).toBe(schoolNameKey("БОУ г. Омска \"Средняя общеобразовательная школа № 47\""));
    expect(schoolNameKey("СОШ № 47 города Омска")).toBe("г омска сош №47");
    expect(schoolNameKey("МКОУ «СОШ с. Ивановка»")).toBe(schoolNameKey("МКОУ «СОШ села Ивановка»"));
  });
  it("keeps what tells schools apart: numbers, names, villages", () => {
    expect(schoolNameKey("СОШ № 1")).not.toBe(schoolNameKey("СОШ № 3"));
    expect(schoolNameKey("СОШ с. Ивановка")).not.toBe(schoolNameKey("СОШ с. Петровка"));
    expect(schoolNameKey("Тарская гимназия")).not.toBe(schoolNameKey("Тарский лицей"));
  });
  it("an empty or legal-form-only name has an empty key", () => {
    expect(schoolNameKey("")).toBe("");
    expect(schoolNameKey("МБОУ")).toBe("");
  });
});

describe("municipalityKey: one district however it is written", () => {
  it("the @examples", () => {
    expect(municipalityKey("Саргатский муниципальный район")).toBe("саргатский");
    expect(municipalityKey("Саргатский р-н")).toBe("саргатский");
    expect(municipalityKey("г. Омск")).toBe("омск");
    expect(municipalityKey("не указан")).toBe("");
  });
  it("genitive and prepositional cases, «округ», «… области»", () => {
    for (const m of ["Саргатский", "Саргатский район", "САРГАТСКИЙ МР", "Саргатского муниципального района", "в Саргатском районе",
      "Саргатский муниципальный округ Омской области"]) expect(municipalityKey(m.replace(/^в /, ""))).toBe("саргатский");
    expect(municipalityKey("Городской округ город Омск")).toBe("омск");
  });
  it("the district and the city of one name stay apart", () => {
    expect(municipalityKey("Омский район")).not.toBe(municipalityKey("г. Омск"));
  });
});

describe("schoolNameSimilarity and isSimilarSchoolName", () => {
  it("the @examples", () => {
    expect(schoolNameSimilarity("саргатская сош №1", "сарагтская сош №1")).toBeCloseTo(0.8333333333333334, 12);
    expect(schoolNameSimilarity("сош №1 тарская", "сош №3 тарская")).toBe(0);
    expect(schoolNameSimilarity("сош №47", "г омска сош №47")).toBe(0.9);
    expect(isSimilarSchoolName("саргатская сош №1", "сарагтская сош №1")).toBe(true);
    expect(isSimilarSchoolName("гимназия саргатская", "саргатская сош №1")).toBe(false);
  });
  it("Dice over letter pairs, worked by hand: «ab» and «ac»", () => {
    // Pairs with word edges: « a», «ab», «b » vs « a», «ac», «c »: 1 common of 3 + 3 → 2·1 / 6.
    expect(schoolNameSimilarity("ab", "ac")).toBeCloseTo(1 / 3, 12);
  });
  it("equal keys are not «similar» (they are the same school); generic words alone never propose", () => {
    expect(isSimilarSchoolName("сош №1", "сош №1")).toBe(false);
    expect(schoolNameSimilarity("сош", "ивановская сош")).toBeLessThan(SIMILAR_NAME);
  });
  it("no sample school of a district is proposed as another of it", () => {
    const tara = ["МБОУ \"Тарская СОШ № 3\"", "МКОУ «Тарская гимназия»", "МБОУ \"Тарская СОШ № 1\"", "МБОУ \"Тарская СОШ № 5\"", "МКОУ \"Атирская СОШ\"",
      "МКОУ \"Заливинская СОШ\"", "МКОУ \"Екатерининская СОШ\"", "МКОУ \"Самсоновская ООШ\""].map(schoolNameKey);
    for (const a of tara) for (const b of tara) if (a !== b) expect(isSimilarSchoolName(a, b), `${a} / ${b}`).toBe(false);
  });
});

describe("schoolInTitle", () => {
  it("the @examples", () => {
    expect(schoolInTitle("Кадровый состав педагогических работников МБОУ «СОШ № 47» г. Омска на 2023/2024 учебный год")).toBe("МБОУ «СОШ № 47» г. Омска");
    expect(schoolInTitle("Список педагогов на 2024/2025 учебный год")).toBeNull();
  });
  it("a kind of school spelled out, with its adjective; a comma or a date ends the name", () => {
    expect(schoolInTitle("Штатный список Тарской гимназии на 2024/2025 учебный год")).toBe("Тарской гимназии");
    expect(schoolInTitle("Показатели МКОУ \"Тарская ООШ № 5\", Тарский муниципальный район, 2024/2025")).toBe("МКОУ \"Тарская ООШ № 5\"");
    expect(schoolInTitle("Список педагогических работников средней общеобразовательной школы № 5 (по состоянию на 01.09.2024)"))
      .toBe("средней общеобразовательной школы № 5");
  });
});
