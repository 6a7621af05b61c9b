// Schema of the registries tables (filled in by the registries work).
import type {Migration} from "../migrate.ts";

export const registries: Migration = {version: 3, name: "registries", statements: []};
