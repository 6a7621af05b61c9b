#!/usr/bin/env node
// Entry of `npx mentoring`: the project is TypeScript, run through tsx's loader.
import {register} from "tsx/esm/api";

register();
await import("./cli.ts");
