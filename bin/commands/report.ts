// `mentoring report <name>`: each report is one module in ./reports/.
import {UserError, type Io} from "../io.ts";
import type {ReportCommand} from "./reports/types.ts";
import {engagementReportCommand} from "./reports/engagement.ts";
import {issuesReportCommand} from "./reports/issues.ts";
import {prepostReportCommand} from "./reports/prepost.ts";
import {deficitsReportCommand} from "./reports/deficits.ts";
import {violationsReportCommand} from "./reports/violations.ts";
import {loadReportCommand} from "./reports/load.ts";
import {swotReportCommand} from "./reports/swot.ts";
import {targetsReportCommand} from "./reports/targets.ts";
import {retentionReportCommand} from "./reports/retention.ts";
import {annualReportCommand} from "./reports/annual.ts";
import {routesReportCommand} from "./reports/routes.ts";
import {routeReportCommand} from "./reports/route.ts";
import {studentsReportCommand} from "./reports/students.ts";
import {needsMentorReportCommand} from "./reports/needsMentor.ts";
import {catalogueReportCommand} from "./reports/catalogue.ts";
import {programmesReportCommand} from "./reports/programmes.ts";
import {participantsReportCommand} from "./reports/participants.ts";

export const reportCommands: ReportCommand[] = [
  engagementReportCommand, issuesReportCommand, prepostReportCommand, deficitsReportCommand,
  violationsReportCommand, loadReportCommand, swotReportCommand, targetsReportCommand, retentionReportCommand, annualReportCommand,
  routesReportCommand, routeReportCommand, studentsReportCommand, needsMentorReportCommand, catalogueReportCommand,
  programmesReportCommand, participantsReportCommand
];

export function reportHelp(): string {
  return reportCommands.map((c) => `  mentoring report ${c.name} ${c.usage}\n      ${c.summary}`).join("\n");
}

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const command = reportCommands.find((c) => c.name === name);
  if (!command) {
    throw new UserError(`${name ? `неизвестный отчёт «${name}»` : "не указан отчёт"}. Доступны: ${reportCommands.map((c) => c.name).join(", ")}.`);
  }
  return command.run(rest, io);
}
