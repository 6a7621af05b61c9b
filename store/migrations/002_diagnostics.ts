// Schema of the diagnostics tables (filled in by the diagnostics work).
import type {Migration} from "../migrate.ts";

export const diagnostics: Migration = {version: 2, name: "diagnostics", statements: []};
