// Builds OpenDocument spreadsheets for tests from hand-written content.xml tables.
import {makeZip, type ZipEntry} from "./zip.ts";

const NS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
  `xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ` +
  `xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"`;

/** content.xml around the given `<table:table>` elements. */
export function odsContent(tables: string, prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"): string {
  return `${prolog}<office:document-content ${NS} office:version="1.3"><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
}

export const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
  `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>` +
  `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;

/** The package's entries: mimetype first, as ODF requires, then content.xml and the manifest. */
export function odsEntries(content: string, extra: ZipEntry[] = [], manifest = MANIFEST): ZipEntry[] {
  return [
    {name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet")},
    {name: "content.xml", data: Buffer.from(content)},
    {name: "META-INF/manifest.xml", data: Buffer.from(manifest)},
    ...extra
  ];
}

/** An .ods file with these tables (`<table:table>` elements). */
export function odsFile(tables: string): Buffer {
  return makeZip(odsEntries(odsContent(tables)));
}

/** One `<table:table>` named `name` with the given rows' inner XML. */
export function odsTable(name: string, rows: string[]): string {
  return `<table:table table:name="${name}">${rows.map((r) => `<table:table-row>${r}</table:table-row>`).join("")}</table:table>`;
}
