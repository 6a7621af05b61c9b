import {describe, expect, it} from "vitest";
import {russianRegion, RUSSIAN_REGIONS} from "../../lib/russianRegion.ts";

describe("russianRegion", () => {
  it("the @examples", () => {
    expect(russianRegion("55")).toEqual({code: "55", name: "Омская область"});
    expect(russianRegion("омская обл.")).toEqual({code: "55", name: "Омская область"});
    expect(russianRegion("5")).toEqual({code: "05", name: "Республика Дагестан"});
  });
  it("89 subjects, unique codes, each found by its own name and code", () => {
    expect(RUSSIAN_REGIONS).toHaveLength(89);
    expect(new Set(RUSSIAN_REGIONS.map((r) => r.code)).size).toBe(89);
    for (const r of RUSSIAN_REGIONS) {
      expect(russianRegion(r.name), r.name).toEqual(r);
      expect(russianRegion(r.code), r.code).toEqual(r);
    }
  });
  it("short names and abbreviations; neighbours with similar names stay apart", () => {
    expect(russianRegion("Якутия")?.code).toBe("14");
    expect(russianRegion("ХМАО")?.code).toBe("86");
    expect(russianRegion("Ханты-Мансийский автономный округ – Югра")?.code).toBe("86");
    expect(russianRegion("г. Москва")?.code).toBe("77");
    expect(russianRegion("Московская")?.code).toBe("50");
    expect(russianRegion("Ненецкий АО")?.code).toBe("83");
    expect(russianRegion("Ямало-Ненецкий")?.code).toBe("89");
    expect(russianRegion("Алтайский край")?.code).toBe("22");
    expect(russianRegion("Республика Алтай")?.code).toBe("04");
  });
  it("an unknown code or name is null", () => {
    expect(russianRegion("88")).toBeNull();
    expect(russianRegion("100")).toBeNull();
    expect(russianRegion("Нарния")).toBeNull();
    expect(russianRegion("")).toBeNull();
  });
});
