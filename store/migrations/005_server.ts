// Schema of the server tables (filled in by the server work).
import type {Migration} from "../migrate.ts";

export const server: Migration = {version: 5, name: "server", statements: []};
