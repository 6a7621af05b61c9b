// Schema of the effectiveness tables (filled in by the effectiveness work).
import type {Migration} from "../migrate.ts";

export const effectiveness: Migration = {version: 4, name: "effectiveness", statements: []};
