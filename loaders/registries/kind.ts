// Registries: the mentee base and the mentor base (seed 001, appendix 3), one kind per base.
// Both kinds read every registry sheet of a workbook, so a file holding both bases loads whole.
import type {FileKind} from "../fileKind.ts";
import type {Workbook} from "../xlsx/workbook.ts";
import type {Base} from "./columns.ts";
import {parseRegistries, registrySheets, type RegistryData} from "./parse.ts";
import {storeRegistries} from "./store.ts";

function detectBase(base: Base) {
  return (workbook: Workbook): number => registrySheets(workbook).some((s) => s.header.base === base) ? 0.9 : 0;
}

/** A registry is one school's: the one in its title or columns. */
const schoolsNamed = (data: RegistryData) => [{name: data.school.name, municipality: data.school.municipality}];

export const menteeRegistryKind: FileKind<RegistryData> = {
  name: "registry-mentees",
  label: "база наставляемых",
  detect: detectBase("mentees"),
  parse: parseRegistries,
  store: storeRegistries,
  schoolsNamed
};

export const mentorRegistryKind: FileKind<RegistryData> = {
  name: "registry-mentors",
  label: "база наставников",
  detect: detectBase("mentors"),
  parse: parseRegistries,
  store: storeRegistries,
  schoolsNamed
};

export const registryKinds: FileKind<any>[] = [menteeRegistryKind, mentorRegistryKind];
