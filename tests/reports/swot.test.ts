import {describe, expect, it, beforeAll, afterAll} from "vitest";
import {readFileSync} from "node:fs";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";
import {swotReport} from "../../reports/swot.ts";
import {compileCodebook} from "../../lib/swotCoding.ts";
import {pairedComparison} from "../../lib/pairedComparison.ts";
import {unpairedComparison} from "../../lib/unpairedComparison.ts";
import {D, xlsx} from "../loaders/effectiveness/helpers.ts";
import {projectSettings} from "../helpers/settings.ts";

const SAT = "Оцените удовлетворённость участием в программе (от 1 до 5)";

// Hand-worked with the default codebook (see the expectations below).
const exit = [["Отметка времени", "Код участника", "Ваша роль в программе", SAT, "Сильные стороны программы", "Ваши предложения"],
  [D(2025, 5, 12), "Н-1", "наставник", 5, "Опытные наставники; обмен опытом", "Ввести доплату наставникам"],
  [D(2025, 5, 13), "Н-2", "Наставник", 4, "обмен опытом", "нехватка времени у наставников"],
  [D(2025, 5, 14), "М-1", "наставляемый", 4, "поддержка коллег", "-"],
  [D(2025, 5, 15), "М-2", "Молодой специалист", 3, "всё хорошо", "Много отчётов"]];
const entry = [["Отметка времени", "Код участника", "Ваша роль в программе", SAT],
  [D(2024, 9, 16), "Н-1", "наставник", 3], [D(2024, 9, 16), "Н-2", "наставник", 4],
  [D(2024, 9, 17), "М-1", "наставляемый", 2], [D(2024, 9, 17), "М-3", "наставляемый", 3]];

describe("swotReport", () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(":memory:");
    await ingestBytes(store, "итоговая.xlsx", await xlsx("Итоговое анкетирование", exit));
    await ingestBytes(store, "входная.xlsx", await xlsx("Входное анкетирование", entry));
  });
  afterAll(async () => { await store.close(); });

  it("tallies quadrants and statements of the exit wave with shares of respondents by role", async () => {
    const r = await swotReport(store, projectSettings(), {wave: "exit"});
    expect(r.respondents).toEqual({total: 4, byRole: {наставник: 2, наставляемый: 2}});
    const s = r.quadrants.find((q) => q.quadrant === "strengths")!;
    // Н-1: опытные наставники + обмен опытом; Н-2: обмен опытом; М-1: поддержка; М-2: «всё хорошо» (uncoded, quadrant by question).
    expect(s).toMatchObject({mentions: 5, respondents: 4, share: 100, uncodedMentions: 1});
    const w = r.quadrants.find((q) => q.quadrant === "weaknesses")!;
    expect(w).toMatchObject({mentions: 2, respondents: 2, share: 50});
    expect(w.byRole).toEqual({наставник: {mentions: 1, respondents: 1, share: 50}, наставляемый: {mentions: 1, respondents: 1, share: 50}});
    expect(r.statements.map((x) => [x.id, x.mentions, x.share])).toEqual([
      ["S-experience-exchange", 2, 50], ["S-experienced-mentors", 1, 25], ["S-support", 1, 25], ["W-no-time", 1, 25], ["W-paperwork", 1, 25]]);
    expect(s.top[0]!.byRole).toEqual({наставник: {mentions: 2, respondents: 2, share: 100}, наставляемый: {mentions: 0, respondents: 0, share: 0}});
  });

  it("lists what it cannot code, with the quadrant a question named, and never drops it", async () => {
    const r = await swotReport(store, projectSettings(), {wave: "exit"});
    expect(r.uncoded.map((u) => [u.text, u.quadrant, u.role, u.row])).toEqual([
      ["Ввести доплату наставникам", null, "наставник", 2], ["всё хорошо", "strengths", "наставляемый", 5]]);
  });

  it("recodes on the next run when a phrase is added to the codebook", async () => {
    const json = JSON.parse(readFileSync("data/config/swot-codebook.json", "utf8"));
    json.statements.find((s: {id: string}) => s.id === "W-no-stimulus").patterns.push("ввести доплату");
    const r = await swotReport(store, {...projectSettings(), swotCodebook: compileCodebook(json).codebook}, {wave: "exit"});
    expect(r.uncoded.map((u) => u.text)).toEqual(["всё хорошо"]);
    expect(r.quadrants.find((q) => q.quadrant === "weaknesses")).toMatchObject({mentions: 3, respondents: 3, share: 75});
  });

  it("filters by role", async () => {
    const r = await swotReport(store, projectSettings(), {wave: "exit", role: "наставляемый"});
    expect(r.respondents).toEqual({total: 2, byRole: {наставляемый: 2}});
    expect(r.quadrants.find((q) => q.quadrant === "strengths")).toMatchObject({mentions: 2, respondents: 2, share: 100});
  });

  it("summarises ratings and pairs entry and exit answers by participant code", async () => {
    const r = await swotReport(store, projectSettings());
    const q = r.ratings.find((x) => x.question === SAT)!;
    // Exit 5, 4, 4, 3 and entry 3, 4, 2, 3: n 8, mean 3.5, median 3.5.
    expect(q.all.n).toBe(8);
    expect(q.all.mean).toBeCloseTo(3.5, 10);
    expect(q.all.median).toBeCloseTo(3.5, 10);
    expect(q.byRole.наставник!.mean).toBeCloseTo(4, 10);
    // Matched: Н-1 3→5, Н-2 4→4, М-1 2→4; М-3 only entered, М-2 only left.
    expect(q.prepost).toEqual({type: "paired", matched: 3, unmatchedEntry: 1, unmatchedExit: 1,
      result: pairedComparison([3, 4, 2], [5, 4, 4])});
    expect((q.prepost as {result: {shareImproved: number}}).result.shareImproved).toBeCloseTo(2 / 3, 10);
  });

  it("compares anonymous waves as independent samples and says why", async () => {
    const anon = await Store.open(":memory:");
    try {
      const strip = (rows: typeof entry) => rows.map((r) => [r[0]!, r[2]!, r[3]!]);
      await ingestBytes(anon, "вход.xlsx", await xlsx("Входное анкетирование", strip(entry)));
      await ingestBytes(anon, "итог.xlsx", await xlsx("Итоговое анкетирование", strip(exit)));
      const q = (await swotReport(anon, projectSettings())).ratings[0]!;
      expect(q.prepost?.type).toBe("unpaired");
      if (q.prepost?.type !== "unpaired") return;
      expect(q.prepost.reason).toMatch(/анонимные/);
      expect(q.prepost.result).toEqual(unpairedComparison([3, 4, 2, 3], [5, 4, 4, 3]));
      expect(q.prepost.result.meanDifference).toBeCloseTo(1, 10);
    } finally {
      await anon.close();
    }
  });
});
