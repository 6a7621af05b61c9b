// Reads a DOCX back as a person sees it: the paragraphs' texts and the tables' cell texts of
// word/document.xml, and the footers' XML (page-number fields).
import {unzip} from "./unzip.ts";

const text = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join("")
  .replace(/&quot;/g, "\"").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function docxContent(bytes: Buffer): {paragraphs: string[]; tables: string[][][]; footers: string[]} {
  const parts = unzip(bytes);
  const xml = parts.get("word/document.xml")!.toString("utf8");
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)]
    .map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!))));
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  const paragraphs = [...body.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) => text(p[1]!)).filter((p) => p !== "");
  const footers = [...parts].filter(([name]) => /^word\/footer\d*\.xml$/.test(name)).map(([, b]) => b.toString("utf8"));
  return {paragraphs, tables, footers};
}
