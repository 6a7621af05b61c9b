// Hand-written OOXML packages for tests of what office suites write differently (prefixes, Strict
// namespaces, parts found through relationships, inline strings …): every part is given as XML.
import {makeZip, type ZipEntry} from "./zip.ts";

export const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships";

export function rels(items: Array<{id: string; type: string; target: string}>): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join("") + "</Relationships>";
}

/** A package from its parts (name → XML text or bytes). */
export function ooxml(parts: Record<string, string | Buffer>): Buffer {
  const entries: ZipEntry[] = Object.entries(parts).map(([name, data]) => ({name, data: typeof data === "string" ? Buffer.from(data) : data}));
  return makeZip(entries);
}
