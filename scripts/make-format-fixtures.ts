// The fixtures of issue 11 «Done when»: the sample's Excel-format originals converted by LibreOffice
// into every format schools send, committed under tests/fixtures/formats (CI has no LibreOffice).
//
//   npx tsx scripts/make-format-fixtures.ts        (needs `libreoffice` on PATH; ~2 minutes)
//
// What it writes (tests/fixtures/formats/manifest.json lists every file with its original):
//   forms-2024-Q1/{xlsx,ods,xls}/<school>.*   every I quarter school report of data/sample/forms/2024-Q1
//   forms-2024-Q1/csv/<school>.<enc>.<sep>.csv the single-sheet reports, and the stacked originals below
//   originals/<school>-stacked.xlsx            multi-sheet reports rewritten with all forms on one sheet
//                                              (exceljs, same numbers), since a CSV holds one sheet
//   kinds/<kind>.{xlsx,ods,xls} and kinds/<kind>.<enc>.<sep>.csv
//                                              a diagnostics file, a registry, a roster, a questionnaire
//                                              and an indicators table from data/sample
//   encrypted/report.{ods,xls}                 a report saved with the password 1234 (a Basic macro in
//                                              the profile: LibreOffice saves no .xlsx with a password
//                                              this way, so that case is built by hand in the tests)
// CSV comes in UTF-8 and Windows-1251, with `;`, `,` and tab, rotated over the files (one report
// in all six). LibreOffice runs with a fresh profile in the ru-RU locale, as schools' copies do,
// so CSV cells are written as shown in Russian (`45,2%`, `01.09.2024`).
import {spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join, resolve} from "node:path";
import {formsWorkbookBuffer} from "./formsWorkbook.ts";
import {sampleFiles} from "./make-sample-forms.ts";

const ROOT = resolve(import.meta.dirname, "..");
const SAMPLE = join(ROOT, "data/sample");
const OUT = join(ROOT, "tests/fixtures/formats");

/** LibreOffice's text encoding numbers (rtl/textenc.h) and the names we give them in file names. */
const ENCODINGS = {utf8: 76, cp1251: 34} as const;
const SEPARATORS = {semicolon: 59, comma: 44, tab: 9} as const;
type Enc = keyof typeof ENCODINGS;
type Sep = keyof typeof SEPARATORS;
const COMBOS: Array<[Enc, Sep]> = [["utf8", "semicolon"], ["cp1251", "semicolon"], ["utf8", "comma"], ["cp1251", "tab"],
  ["utf8", "tab"], ["cp1251", "comma"]];

export interface FixtureEntry {
  /** Relative to tests/fixtures/formats. */
  file: string;
  /** The file it was converted from, relative to the repository. */
  original: string;
  format: "xlsx" | "ods" | "xls" | "csv";
  encoding?: Enc;
  separator?: Sep;
  /** The quarterly report's school (for the mixed batch), or the kind of file. */
  group: "forms-2024-Q1" | "kinds";
}

const KINDS: Array<[string, string]> = [
  ["diagnostics", "diagnostics/Саргатский_итоговая_диагностика_2026.xlsx"],
  ["registry", "registries/luzino-sosh1-mentees.xlsx"],
  ["roster", "effectiveness/кадры-2024.xlsx"],
  ["questionnaire", "effectiveness/анкета-входная-2024.xlsx"],
  ["indicators", "effectiveness/показатели-тарская-сош-3.xlsx"]
];

function profile(): string {
  const dir = mkdtempSync(join(tmpdir(), "mentoring-lo-profile-"));
  mkdirSync(join(dir, "user"), {recursive: true});
  writeFileSync(join(dir, "user/registrymodifications.xcu"), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>ru-RU</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>ru</value></prop></item>
</oor:items>
`);
  return dir;
}

function convert(profileDir: string, target: string, outDir: string, files: string[]): void {
  mkdirSync(outDir, {recursive: true});
  const r = spawnSync("libreoffice", [`-env:UserInstallation=file://${profileDir}`, "--headless", "--convert-to", target,
    "--outdir", outDir, ...files], {encoding: "utf8"});
  if (r.status !== 0) throw new Error(`libreoffice --convert-to ${target} failed: ${r.stderr}`);
}

/** Saves `src` as `dst` with a password, through a Basic macro added to the (initialised) profile. */
function encrypted(profileDir: string, src: string, dst: string, filter: string): void {
  const module = join(profileDir, "user/basic/Standard/Module1.xba");
  const xml = readFileSync(module, "utf8");
  if (!xml.includes("SaveEncrypted")) {
    writeFileSync(module, xml.replace("</script:module>", `
Sub SaveEncrypted(src As String, dst As String, filter As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden" : args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, args())
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName" : out(0).Value = filter
  out(1).Name = "Password" : out(1).Value = "1234"
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>`));
  }
  const r = spawnSync("libreoffice", [`-env:UserInstallation=file://${profileDir}`, "--headless",
    `macro:///Standard.Module1.SaveEncrypted("${src}","${dst}","${filter}")`], {encoding: "utf8"});
  if (r.status !== 0 || !existsSync(dst)) throw new Error(`saving ${dst} with a password failed: ${r.stderr}`);
}

const csvFilter = (enc: Enc, sep: Sep) => `csv:Text - txt - csv (StarCalc):${SEPARATORS[sep]},34,${ENCODINGS[enc]}`;

async function main(): Promise<void> {
  const lo = profile();
  const work = mkdtempSync(join(tmpdir(), "mentoring-fixtures-"));
  const manifest: FixtureEntry[] = [];
  try {
    rmSync(OUT, {recursive: true, force: true});
    mkdirSync(join(OUT, "originals"), {recursive: true});
    const q1 = sampleFiles().filter((f) => f.path.startsWith("forms/2024-Q1/"));
    const reports = q1.map((f) => join(SAMPLE, f.path));
    for (const format of ["xlsx", "ods", "xls"] as const) {
      const dir = join(OUT, "forms-2024-Q1", format);
      convert(lo, format, dir, reports);
      for (const f of q1) {
        manifest.push({file: `forms-2024-Q1/${format}/${basename(f.path, ".xlsx")}.${format}`, original: `data/sample/${f.path}`, format, group: "forms-2024-Q1"});
      }
    }
    // CSV holds one sheet: single-sheet reports as they are; two multi-sheet ones rewritten stacked.
    const csvSources: Array<{slug: string; original: string}> = [];
    for (const f of q1) {
      const slug = basename(f.path, ".xlsx");
      if (f.layout.arrangement === "stacked") csvSources.push({slug, original: `data/sample/${f.path}`});
    }
    for (const slug of ["omskiy_achairskaya", "sargatskiy_sosh_1"]) {
      const f = q1.find((x) => basename(x.path, ".xlsx") === slug)!;
      const path = join(OUT, "originals", `${slug}-stacked.xlsx`);
      writeFileSync(path, await formsWorkbookBuffer(f.spec, {...f.layout, arrangement: "stacked", sheetNames: ["Отчёт"]}));
      csvSources.push({slug, original: `tests/fixtures/formats/originals/${slug}-stacked.xlsx`});
    }
    const csvDir = join(OUT, "forms-2024-Q1", "csv");
    const combosFor = (i: number): Array<[Enc, Sep]> => (i === 0 ? COMBOS : [COMBOS[i % COMBOS.length]!]);
    csvSources.forEach((s, i) => {
      for (const [enc, sep] of combosFor(i)) {
        const tmp = join(work, `${s.slug}.${enc}.${sep}`);
        mkdirSync(tmp, {recursive: true});
        copyFileSync(join(ROOT, s.original), join(tmp, `${s.slug}.xlsx`));
        convert(lo, csvFilter(enc, sep), tmp, [join(tmp, `${s.slug}.xlsx`)]);
        mkdirSync(csvDir, {recursive: true});
        const name = `${s.slug}.${enc}.${sep}.csv`;
        renameSync(join(tmp, `${s.slug}.csv`), join(csvDir, name));
        manifest.push({file: `forms-2024-Q1/csv/${name}`, original: s.original, format: "csv", encoding: enc, separator: sep, group: "forms-2024-Q1"});
      }
    });
    // One file of every other kind, in every format.
    const kindsDir = join(OUT, "kinds");
    mkdirSync(kindsDir, {recursive: true});
    const staged = KINDS.map(([kind, path]) => {
      const p = join(work, "kinds", `${kind}.xlsx`);
      mkdirSync(join(work, "kinds"), {recursive: true});
      copyFileSync(join(SAMPLE, path), p);
      return p;
    });
    for (const format of ["xlsx", "ods", "xls"] as const) {
      convert(lo, format, kindsDir, staged);
      for (const [kind, path] of KINDS) manifest.push({file: `kinds/${kind}.${format}`, original: `data/sample/${path}`, format, group: "kinds"});
    }
    KINDS.forEach(([kind, path], i) => {
      const [enc, sep] = COMBOS[i % COMBOS.length]!;
      const tmp = join(work, `kind-${kind}`);
      mkdirSync(tmp, {recursive: true});
      copyFileSync(join(SAMPLE, path), join(tmp, `${kind}.xlsx`));
      convert(lo, csvFilter(enc, sep), tmp, [join(tmp, `${kind}.xlsx`)]);
      const name = `${kind}.${enc}.${sep}.csv`;
      renameSync(join(tmp, `${kind}.csv`), join(kindsDir, name));
      manifest.push({file: `kinds/${name}`, original: `data/sample/${path}`, format: "csv", encoding: enc, separator: sep, group: "kinds"});
    });
    // Password-protected files, as LibreOffice writes them (the profile is initialised by now).
    mkdirSync(join(OUT, "encrypted"), {recursive: true});
    const report = join(SAMPLE, "forms/2024-Q1/omskiy_sosh_12.xlsx");
    encrypted(lo, report, join(OUT, "encrypted/report.ods"), "calc8");
    encrypted(lo, report, join(OUT, "encrypted/report.xls"), "MS Excel 97");
    manifest.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    writeFileSync(join(OUT, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
    process.stderr.write(`${manifest.length} fixtures in ${OUT}; ${readdirSync(OUT).join(", ")}\n`);
  } finally {
    rmSync(work, {recursive: true, force: true});
    rmSync(lo, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  main().catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
}
