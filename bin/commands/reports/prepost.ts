// Placeholder until the report is built: says so in Russian and fails.
import {UserError} from "../../io.ts";
import type {ReportCommand} from "./types.ts";

export const prepostReportCommand: ReportCommand = {
  name: "prepost",
  usage: "[--json]",
  summary: "(ещё не готов)",
  async run() {
    throw new UserError("этот отчёт ещё не готов.");
  }
};
