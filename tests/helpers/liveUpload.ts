// A quarterly report that changes a figure of the sample: «Омская СОШ № 12», I quarter 2024, with
// ten fewer mentees in Form 3 («учитель — учитель»: 13 → 3, total 19 → 9), so the school's, the
// municipality's and the region's share of teachers in mentoring fall. The live dashboards' tests
// upload it and watch the figure change on an open page.
import {readFileSync} from "node:fs";
import ExcelJS from "exceljs";

export const CHANGED_REPORT = "omskiy_sosh_12_исправленный.xlsx";

export async function changedReport(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync("data/sample/forms/2024-Q1/omskiy_sosh_12.xlsx") as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  if (ws.getCell("F23").value !== 13 || ws.getCell("F25").value !== 19) throw new Error("the sample's Form 3 is not where this helper expects it");
  ws.getCell("F23").value = 3;
  ws.getCell("F25").value = 9;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
