import {readdirSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import * as lib from "../../lib/index.ts";

// Tests reach lib/ through lib/index.ts, so the index must name every module.
describe("lib/index.ts", () => {
  const index = readFileSync(new URL("../../lib/index.ts", import.meta.url), "utf8");
  const modules = readdirSync(new URL("../../lib/", import.meta.url)).filter((f) => f.endsWith(".ts") && f !== "index.ts");

  it("re-exports every module of lib/", () => {
    for (const f of modules) expect(index, f).toContain(`export * from "./${f}";`);
  });

  it("exposes the functions tests use", () => {
    expect(typeof lib.periodLabel).toBe("function");
    expect(typeof lib.chosenPairedTest).toBe("function");
    expect(lib.plural(54, "упоминание", "упоминания", "упоминаний")).toBe("упоминания");
  });
});
