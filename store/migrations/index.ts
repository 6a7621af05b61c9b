// Every schema migration, one module per domain; versions are unique and applied in order.
import type {Migration} from "../migrate.ts";
import {core} from "./001_core.ts";
import {diagnostics} from "./002_diagnostics.ts";
import {registries} from "./003_registries.ts";
import {effectiveness} from "./004_effectiveness.ts";
import {server} from "./005_server.ts";
import {directory} from "./006_directory.ts";
import {admission} from "./007_admission.ts";
import {accounts} from "./008_accounts.ts";
import {routes} from "./009_routes.ts";
import {settings} from "./010_settings.ts";
import {personLinks} from "./011_person_links.ts";
import {schoolContacts} from "./012_school_contacts.ts";

export const migrations: Migration[] = [core, diagnostics, registries, effectiveness, server, directory, admission, accounts, routes, settings, personLinks, schoolContacts];
