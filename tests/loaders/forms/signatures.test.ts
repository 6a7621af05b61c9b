import {describe, expect, it} from "vitest";
import {formOfSheetName} from "../../../loaders/forms/signatures.ts";

describe("formOfSheetName: the form a sheet's name gives", () => {
  it("«Форма 2», «Ф.3», «форма_4», «ф2», «Форма №5», «Ф-1 (участники)»", () => {
    expect(["Форма 2", "Ф.3", "форма_4", "ф2", "Форма №5", "Ф-1 (участники)", "ФОРМА 3 учитель-учитель"].map(formOfSheetName)).toEqual([2, 3, 4, 2, 5, 1, 3]);
  });
  it("other names give nothing: «Лист1», «свод», «Форма 12», «Фото», «Sheet2»", () => {
    expect(["Лист1", "свод", "Форма 12", "Фото", "Sheet2", "Отчёт ф2"].map(formOfSheetName)).toEqual([null, null, null, null, null, null]);
  });
});
