import {UserError} from "../../io.ts";
import type {ReportCommand} from "./types.ts";

export const issuesReportCommand: ReportCommand = {
  name: "issues", usage: "[--json]", summary: "(ещё не готов)",
  async run() { throw new UserError("этот отчёт ещё не готов."); }
};
