// The bundled sample region (data/sample/forms) loaded end to end, against the figures worked out by
// hand in tests/sample/engagement-figures.md from the definitions in scripts/make-sample-forms.ts.
import {createHash} from "node:crypto";
import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join, relative} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Store} from "../../store/database.ts";
import {ingestBytes, type FileOutcome} from "../../loaders/ingest.ts";
import {engagementReport, type EngagementReport, type SchoolReport} from "../../reports/engagement.ts";
import {makeSampleForms} from "../../scripts/make-sample-forms.ts";
import {projectSettings} from "../helpers/settings.ts";

const SAMPLE = join(import.meta.dirname, "../../data/sample");

/** Every .xlsx under dir, in sorted path order (as `mentoring ingest` walks folders). */
function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".xlsx")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

// [students engaged, students population, teachers engaged, teachers population]; null: not reported.
type Fig = [number, number, number, number] | null;

const Q1: Record<string, Fig> = {
  "МБОУ \"Саргатская СОШ № 1\"": [162, 412, 30, 38],
  "МБОУ «Саргатская гимназия»": [140, 305, 20, 27],
  "МКОУ \"Баженовская СОШ\"": [27, 85, 10, 15],
  "МКОУ \"Увало-Ядринская СОШ\"": [45, 95, 16, 17],
  "МКОУ \"Хохловская СОШ\"": [26, 64, 6, 14],
  "МКОУ \"Нижнеиртышская ООШ\"": [35, 52, 5, 11],
  "МКОУ \"Андреевская СОШ\"": [65, 120, 12, 20],
  "МБОУ \"Тарская СОШ № 3\"": [255, 540, 26, 46],
  "МКОУ «Тарская гимназия»": [270, 388, 25, 35],
  "МБОУ \"Тарская СОШ № 1\"": [280, 610, 40, 52],
  "МБОУ \"Тарская СОШ № 5\"": [110, 243, 13, 25],
  "МКОУ \"Атирская СОШ\"": [40, 78, 4, 13],
  "МКОУ \"Заливинская СОШ\"": [30, 66, 4, 12],
  "МКОУ \"Екатерининская СОШ\"": [85, 140, 11, 19],
  "МКОУ \"Самсоновская ООШ\"": [22, 41, 4, 9],
  "БОУ \"Омская СОШ № 12\"": [240, 480, 36, 41],
  "МБОУ \"Ачаирская СОШ\"": [110, 210, 16, 24],
  "МБОУ \"Морозовская СОШ\"": [88, 180, 15, 22],
  "МБОУ \"Дружинская СОШ\"": [195, 265, 19, 28],
  "МБОУ \"Ростовкинская СОШ\"": [60, 150, 8, 18],
  "МБОУ \"Лузинская СОШ № 1\"": [155, 330, 20, 30],
  "МБОУ \"Троицкая СОШ\"": [70, 120, 10, 16]
};

const Q2: Record<string, Fig> = {
  "МБОУ \"Саргатская СОШ № 1\"": [250, 412, 32, 38],
  "МБОУ «Саргатская гимназия»": [220, 305, 21, 27],
  "МКОУ \"Баженовская СОШ\"": [48, 85, 11, 15],
  "МКОУ \"Увало-Ядринская СОШ\"": [70, 95, 16, 17],
  "МКОУ \"Хохловская СОШ\"": null,
  "МКОУ \"Нижнеиртышская ООШ\"": [68, 52, 7, 11],
  "МКОУ \"Андреевская СОШ\"": [85, 120, 14, 20],
  "МБОУ \"Тарская СОШ № 3\"": [295, 540, 30, 46],
  "МКОУ «Тарская гимназия»": [300, 388, 26, 35],
  "МБОУ \"Тарская СОШ № 1\"": [390, 610, 44, 52],
  "МБОУ \"Тарская СОШ № 5\"": [170, 243, 17, 25],
  "МКОУ \"Атирская СОШ\"": [58, 78, 6, 13],
  "МКОУ \"Заливинская СОШ\"": [40, 66, 6, 12],
  "МКОУ \"Екатерининская СОШ\"": [102, 140, 14, 19],
  "МКОУ \"Самсоновская ООШ\"": null,
  "БОУ \"Омская СОШ № 12\"": [285, 480, 36, 41],
  "МБОУ \"Ачаирская СОШ\"": [150, 210, 18, 24],
  "МБОУ \"Морозовская СОШ\"": [112, 180, 17, 22],
  "МБОУ \"Дружинская СОШ\"": [210, 265, 21, 28],
  "МБОУ \"Ростовкинская СОШ\"": [75, 150, 10, 18],
  "МБОУ \"Лузинская СОШ № 1\"": [210, 330, 23, 30],
  "МБОУ \"Троицкая СОШ\"": [84, 120, 12, 16]
};

const MUNICIPALITIES: Record<string, Record<string, [number, number, number, number]>> = {
  "2024-Q1": {Саргатский: [500, 1133, 99, 142], Тарский: [1092, 2106, 127, 211], Омский: [918, 1735, 124, 179]},
  "2024-Q2": {Саргатский: [741, 1069, 101, 128], Тарский: [1355, 2065, 143, 202], Омский: [1126, 1735, 137, 179]}
};
const REGION: Record<string, [number, number, number, number]> = {
  "2024-Q1": [2510, 4974, 350, 532],
  "2024-Q2": [3222, 4869, 381, 509]
};

function expectFigures(actual: {studentsEngaged: number | null; studentsPopulation: number | null; studentsPct: number | null;
  teachersEngaged: number | null; teachersPopulation: number | null; teachersPct: number | null}, f: [number, number, number, number]): void {
  const [se, sp, te, tp] = f;
  expect([actual.studentsEngaged, actual.studentsPopulation, actual.teachersEngaged, actual.teachersPopulation]).toEqual([se, sp, te, tp]);
  expect(actual.studentsPct).toBeCloseTo((se * 100) / sp, 8);
  expect(actual.teachersPct).toBeCloseTo((te * 100) / tp, 8);
}

describe("the sample region", () => {
  let store: Store;
  const outcomes = new Map<string, FileOutcome>();
  const reports: Record<string, EngagementReport> = {};

  beforeAll(async () => {
    store = await Store.open(":memory:");
    for (const path of xlsxFiles(join(SAMPLE, "forms"))) {
      outcomes.set(relative(join(SAMPLE, "forms"), path), await ingestBytes(store, basename(path), readFileSync(path)));
    }
    for (const p of ["2024-Q1", "2024-Q2"]) reports[p] = await engagementReport(store, projectSettings(), {period: p});
  });
  afterAll(async () => { await store.close(); });

  const school = (period: string, name: string): SchoolReport => {
    const s = reports[period]!.schools.find((x) => x.name === name);
    if (!s) throw new Error(`${name} is missing from ${period}`);
    return s;
  };

  it("loads every file of the sample, none rejected, each in the quarter its title names", () => {
    expect(outcomes.size).toBe(44);
    for (const [path, o] of outcomes) {
      expect(o.status, path).not.toBe("rejected");
      expect(o.kind, path).toBe("forms");
      expect(o.period, path).toBe(path.slice(0, 7));
    }
  });

  it("reports the one «Итого» that does not add up, at its cell, and nothing wrong elsewhere in the I quarter", () => {
    const moroz = outcomes.get("2024-Q1/omskiy_morozovskaya.xlsx")!;
    expect(moroz.status).toBe("accepted_with_remarks");
    expect(moroz.issues).toContainEqual(expect.objectContaining({kind: "table/total-mismatch", severity: "error", cell: "E12"}));
    const others = [...outcomes].filter(([p]) => p !== "2024-Q1/omskiy_morozovskaya.xlsx");
    for (const [path, o] of others) expect(o.issues.filter((i) => i.severity === "error"), path).toEqual([]);
  });

  it("lets the corrected I quarter file of Тарская СОШ № 3 replace the first one", () => {
    const first = outcomes.get("2024-Q1/tarskiy_sosh_3.xlsx")!;
    const corrected = outcomes.get("2024-Q1-corrections/tarskiy_sosh_3.xlsx")!;
    expect(corrected.replaces).toEqual([first.uploadId]);
    // 60+60+30+35 + 40 + 30, not the first file's 245.
    expect(school("2024-Q1", "МБОУ \"Тарская СОШ № 3\"").studentsEngaged).toBe(255);
  });

  for (const [period, expected] of [["2024-Q1", Q1], ["2024-Q2", Q2]] as const) {
    it(`gives each school's figures for ${period} as worked out by hand`, () => {
      const r = reports[period]!;
      expect(r.period).toBe(period);
      expect(r.targetPct).toBe(70);
      expect(r.schools.map((s) => s.name).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, fig] of Object.entries(expected)) {
        const s = school(period, name);
        if (fig === null) {
          expect(s.status, name).toBe("not_reported");
          expect(s.studentsEngaged, name).toBeNull();
        } else {
          expect(s.status, name).toBe("reported");
          expectFigures(s, fig);
        }
      }
    });

    it(`sums each municipality and the region for ${period} over the schools that reported`, () => {
      const r = reports[period]!;
      expect(r.municipalities.map((m) => m.name).sort()).toEqual(["Омский", "Саргатский", "Тарский"]);
      for (const m of r.municipalities) {
        expectFigures(m, MUNICIPALITIES[period]![m.name]!);
        const names = Object.keys(expected).filter((n) => school(period, n).municipality === m.name);
        expect([...m.schoolsIncluded].sort(), m.name).toEqual(names.filter((n) => expected[n] !== null).sort());
        expect([...m.schoolsNotReported].sort(), m.name).toEqual(names.filter((n) => expected[n] === null).sort());
      }
      expectFigures(r.region, REGION[period]!);
    });
  }

  it("meets no target in the I quarter, anywhere above the schools", () => {
    const r = reports["2024-Q1"]!;
    for (const g of [r.region, ...r.municipalities]) expect(g.meetsTarget).toEqual({students: false, teachers: false});
  });

  it("over the counted schools, meets the teachers' target and misses the students' in the II quarter, region and every municipality", () => {
    const r = reports["2024-Q2"]!;
    for (const g of [r.region, ...r.municipalities]) expect(g.meetsTargetCounted).toEqual({students: false, teachers: true});
    expect(r.region.schoolsNotReported.sort()).toEqual(["МКОУ \"Самсоновская ООШ\"", "МКОУ \"Хохловская СОШ\""]);
  });

  it("is complete in the I quarter: 22 of 22 schools, all the population", () => {
    const r = reports["2024-Q1"]!;
    expect(r.region.coverage).toMatchObject({schoolsExpected: 22, schoolsCounted: 22, complete: true, label: "по 22 из 22 школ",
      students: {counted: 4974, expected: 4974, share: 1}, teachers: {counted: 532, expected: 532, share: 1}});
    expect(r.notCounted).toEqual([]);
  });

  it("judges no target where the II quarter is incomplete, and says over how many schools (engagement-figures.md, coverage)", () => {
    const r = reports["2024-Q2"]!;
    // 20 of 22 schools; the two not counted hold 64 + 41 students and 14 + 9 teachers of their latest Form 1.
    expect(r.region.coverage).toMatchObject({schoolsExpected: 22, schoolsCounted: 20, complete: false, label: "по 20 из 22 школ",
      students: {counted: 4869, expected: 4974}, teachers: {counted: 509, expected: 532}});
    expect(r.region.coverage.students.share).toBeCloseTo(4869 / 4974, 12);
    expect(r.region.meetsTarget).toEqual({students: null, teachers: null});
    expect(r.region.verdict.teachers).toBe("данные неполные (по 20 из 22 школ): цель не оценивается");
    const m = (name: string) => r.municipalities.find((x) => x.name === name)!;
    expect([m("Саргатский").coverage.label, m("Саргатский").coverage.students.expected, m("Саргатский").meetsTarget]).toEqual(
      ["по 6 из 7 школ", 1133, {students: null, teachers: null}]);
    expect([m("Тарский").coverage.label, m("Тарский").coverage.teachers.expected, m("Тарский").meetsTarget]).toEqual(
      ["по 7 из 8 школ", 211, {students: null, teachers: null}]);
    // Омский is complete: its decision stands.
    expect([m("Омский").coverage.label, m("Омский").coverage.complete, m("Омский").meetsTarget]).toEqual(
      ["по 7 из 7 школ", true, {students: false, teachers: true}]);
    expect(r.notCounted.map((s) => [s.name, s.state, s.reasons])).toEqual([
      ["МКОУ \"Хохловская СОШ\"", "partial", ["нет строк в формах 2–5"]],
      ["МКОУ \"Самсоновская ООШ\"", "missing", ["отчёт за квартал не прислан"]]
    ]);
  });

  it("decides the 70 % target exactly: 14 of 20 and 84 of 120 meet it, 170 of 243 (69,96 %) does not", () => {
    expect(school("2024-Q2", "МКОУ \"Андреевская СОШ\"").teachersPct).toBeCloseTo(70, 8);
    expect(school("2024-Q2", "МКОУ \"Андреевская СОШ\"").meetsTarget.teachers).toBe(true);
    expect(school("2024-Q2", "МБОУ \"Троицкая СОШ\"").meetsTarget.students).toBe(true);
    expect(school("2024-Q2", "МБОУ \"Тарская СОШ № 5\"").studentsPct).toBeCloseTo(17000 / 243, 8);
    expect(school("2024-Q2", "МБОУ \"Тарская СОШ № 5\"").meetsTarget.students).toBe(false);
  });

  it("flags more students engaged than the school has, and decides no target for them", () => {
    const s = school("2024-Q2", "МКОУ \"Нижнеиртышская ООШ\"");
    expect(s.meetsTarget).toEqual({students: null, teachers: false});
    expect(s.dataErrors).toContainEqual(expect.objectContaining({kind: "engagement/over-population", severity: "error"}));
  });

  it("lists a school whose file has Form 1 but no engagement row as not reported, with its population known", () => {
    const s = school("2024-Q2", "МКОУ \"Хохловская СОШ\"");
    expect(s.status).toBe("not_reported");
    expect([s.studentsPopulation, s.teachersPopulation]).toEqual([64, 14]);
    expect(s.meetsTarget).toEqual({students: null, teachers: null});
  });

  it("shows none of the directors' names, phones or e-mails from the contacts cells", () => {
    const text = JSON.stringify(reports);
    for (const pd of ["Петрова", "Лебедева Ирина", "Власова", "+7 (900)", "@example.org", "директор,"]) expect(text).not.toContain(pd);
  });

  it("rejects the files without a period unless --period is given, then changes no figure", async () => {
    const dir = join(SAMPLE, "forms-no-period", "2024-Q2");
    const files = xlsxFiles(dir);
    expect(files.map((f) => basename(f))).toEqual(["omskiy_rostovkinskaya.xlsx", "sargatskiy_andreevskaya.xlsx"]);
    for (const f of files) {
      const o = await ingestBytes(store, basename(f), readFileSync(f));
      expect(o.status).toBe("rejected");
      expect(o.issues).toContainEqual(expect.objectContaining({kind: "file/no-period"}));
    }
    for (const f of files) {
      const o = await ingestBytes(store, basename(f), readFileSync(f), {period: "2024-Q2"});
      expect(o.status).toBe("accepted");
      expect(o.replaces).toEqual([outcomes.get(`2024-Q2/${basename(f)}`)!.uploadId]);
    }
    const after = await engagementReport(store, projectSettings(), {period: "2024-Q2"});
    expectFigures(after.region, REGION["2024-Q2"]!);
    expect(after.schools.find((s) => s.name === "МКОУ \"Андреевская СОШ\"")!.teachersEngaged).toBe(14);
  });
});

describe("the sample generator", () => {
  it("writes exactly the committed files, byte for byte", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sample-forms-"));
    try {
      await makeSampleForms(dir);
      const hash = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");
      const fresh = [...xlsxFiles(join(dir, "forms")), ...xlsxFiles(join(dir, "forms-no-period"))];
      const committed = [...xlsxFiles(join(SAMPLE, "forms")), ...xlsxFiles(join(SAMPLE, "forms-no-period"))];
      expect(fresh.map((p) => relative(dir, p))).toEqual(committed.map((p) => relative(SAMPLE, p)));
      expect(fresh.map(hash)).toEqual(committed.map(hash));
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
