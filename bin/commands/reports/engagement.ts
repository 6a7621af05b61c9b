import {UserError} from "../../io.ts";
import type {ReportCommand} from "./types.ts";

export const engagementReportCommand: ReportCommand = {
  name: "engagement", usage: "[--json]", summary: "(ещё не готов)",
  async run() { throw new UserError("этот отчёт ещё не готов."); }
};
