import {describe, expect, it} from "vitest";
import * as page from "../../src/components/participants.ts";
import {participantRow, PARTICIPANTS_HEADER, type AnnualParticipantLine} from "../../reports/exports/annualParticipants.ts";

// The page cannot import reports/: its copy of the section's rows must write every figure as the report does.
const base: AnnualParticipantLine = {question: "Хотели бы вы стать наставником?", kind: "yes-no", nEntry: 15, nExit: 16, matched: 8, suppressed: false,
  comparison: "paired", scale: null, before: 0.5, after: 0.75, beforeCi: [0.2152, 0.7848], afterCi: [0.4093, 0.9285], change: 0.25,
  test: {label: "точный критерий Макнемара", p: 0.625}, reading: "…"};
const lines: AnnualParticipantLine[] = [
  base,
  {...base, comparison: "unpaired", matched: 0, before: 1 / 6, after: 5 / 7, change: 5 / 7 - 1 / 6, test: {label: "точный критерий Фишера", p: 176 / 1716}},
  {...base, change: 0.001, test: {label: null, p: null}},
  {...base, suppressed: true, before: null, after: null, beforeCi: null, afterCi: null, change: null, test: null, reading: null},
  {...base, kind: "rating", scale: {min: 1, max: 5}, before: 2.75, after: 3.875, beforeCi: null, afterCi: null, change: 1.125,
    test: {label: "критерий Уилкоксона", p: 0.0004}},
  {...base, kind: "rating", before: 4, after: 3.5, beforeCi: null, afterCi: null, change: -0.5, test: {label: "парный t-критерий", p: 0.04}}
];

describe("the page's participants' rows agree with reports/exports/annualParticipants.ts", () => {
  it("gives the same header and the same cells for every kind of line", () => {
    expect(page.PARTICIPANTS_HEADER).toEqual(PARTICIPANTS_HEADER);
    for (const l of lines) for (const min of [5, 9]) expect(page.participantRowText(l, min)).toEqual(participantRow(l, min));
  });

  it("writes the hand-worked yes/no line as the DOCX does", () => {
    expect(page.participantRowText(base, 5)).toEqual(["Хотели бы вы стать наставником?", "15 / 16", "8", "50\u00a0% (22–78\u00a0%)",
      "75\u00a0% (41–93\u00a0%)", "+25\u00a0п.\u00a0п.", "точный критерий Макнемара", "0,625"]);
  });
});
