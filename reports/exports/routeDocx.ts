// A drafted route as a Word document (DOCX) in seed 001's form — the form schools sign on paper.
// Written with the `docx` package (a maintained, dependency-light writer of OOXML): A4, Times New
// Roman 12, the blocks one under another, tables with borders, empty labelled fields for the
// teacher. Same content as the XLSX (reports/exports/routeForm.ts).
import {AlignmentType, BorderStyle, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType} from "docx";
import type {RouteDraft} from "../routeDraft.ts";
import {routeForm, type FormTable} from "./routeForm.ts";

const FONT = "Times New Roman";
const LINE = "_".repeat(72);
const border = {style: BorderStyle.SINGLE, size: 4, color: "444444"};
const borders = {top: border, bottom: border, left: border, right: border};

function para(text: string, o: {bold?: boolean; size?: number; center?: boolean; after?: number} = {}): Paragraph {
  return new Paragraph({alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: {after: o.after ?? 80},
    children: [new TextRun({text, bold: o.bold, size: (o.size ?? 12) * 2, font: FONT})]});
}

function cell(text: string, width: number, o: {bold?: boolean; shade?: boolean; span?: number} = {}): TableCell {
  return new TableCell({borders, width: {size: width, type: WidthType.PERCENTAGE}, columnSpan: o.span,
    shading: o.shade ? {type: ShadingType.CLEAR, color: "auto", fill: "EEF2F6"} : undefined,
    children: [new Paragraph({children: [new TextRun({text, bold: o.bold, size: 20, font: FONT})]})]});
}

function table(t: FormTable): Table {
  const total = t.widths.reduce((s, w) => s + w, 0);
  const w = t.widths.map((x) => Math.round((x * 100) / total));
  return new Table({width: {size: 100, type: WidthType.PERCENTAGE},
    rows: [new TableRow({tableHeader: true, children: t.header.map((h, i) => cell(h, w[i]!, {bold: true, shade: true}))}),
      ...t.rows.map((r) => new TableRow({children: r.map((v, i) => cell(v, w[i]!))}))]});
}

function pairs(rows: Array<[string, string]>, o: {bold?: boolean} = {}): Table {
  return new Table({width: {size: 100, type: WidthType.PERCENTAGE},
    rows: rows.map(([a, b]) => new TableRow({children: [cell(a, 40, {bold: o.bold}), cell(b, 60)]}))});
}

export async function routeDocx(draft: RouteDraft, options: {developed?: string} = {}): Promise<Buffer> {
  const f = routeForm(draft, options);
  const deficitRows = f.block4.deficits.map(([area, text], i) => new TableRow({children: [cell(i === 0 ? f.block4.deficitsLabel : "", 40),
    cell(area, 20), cell(text, 40)]}));
  const children = [
    ...f.approval.map(([a, b]) => para(`${a} ${b}`, {size: 11})),
    para(f.title, {bold: true, size: 14, center: true, after: 200}),
    pairs(f.identity, {bold: true}),
    para(""),
    para(f.block1.title, {bold: true}), para(f.block1.note, {size: 10}), pairs(f.block1.rows),
    para(""),
    para(f.block2.title, {bold: true}), table(f.block2.table),
    para(""),
    para(f.block3.title, {bold: true}), table(f.block3.table),
    ...f.block3.prompts.flatMap((p) => [para(p), para(LINE)]),
    para(""),
    para(f.block4.title, {bold: true}),
    pairs([f.block4.goal, f.block4.level]),
    new Table({width: {size: 100, type: WidthType.PERCENTAGE}, rows: deficitRows}),
    para(""),
    para(f.block5.title, {bold: true}), para(f.block5.duration), para(f.block5.start), para(f.block5.end), para(f.block5.note, {size: 10}),
    para(f.block5.dpoTitle, {bold: true}), table(f.block5.dpo),
    para(""),
    para(f.block5.otherTitle, {bold: true}), table(f.block5.other),
    para(""),
    pairs(f.block5.after),
    para(""),
    ...f.block5.signatures.map((s) => para(`${s} ______________________ (подпись)`)),
    para(""),
    para(f.block6.title, {bold: true}),
    ...f.block6.lines.flatMap((l) => [para(l), para(LINE), para(LINE)]),
    ...f.block6.signatures.map((s) => para(`${s} ______________________ (подпись)`))
  ];
  const doc = new Document({creator: "Наставничество: аналитика", title: f.title, styles: {default: {document: {run: {font: FONT, size: 24}}}},
    sections: [{properties: {page: {size: {width: 11906, height: 16838}, margin: {top: 1134, bottom: 1134, left: 1418, right: 850}}}, children}]});
  return Packer.toBuffer(doc);
}
