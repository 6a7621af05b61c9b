// Effectiveness inputs: questionnaires, staff rosters, target-indicator tables.
import type {FileKind} from "../fileKind.ts";
import {questionnaireKind} from "./questionnaire.ts";
import {rosterKind} from "./roster.ts";
import {indicatorTableKind} from "./indicators.ts";

export const effectivenessKinds: FileKind<any>[] = [questionnaireKind, rosterKind, indicatorTableKind];
