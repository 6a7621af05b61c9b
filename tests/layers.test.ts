import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

// Layers import one way (TEAM.md): lib/ imports nothing from the others; store/ nothing from
// loaders/; settings/ only lib/ and store/; bin/ and scripts/ never import each other.
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const imports = (file: string) => [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((m) => m[1]!);
const reaches = (dir: string, layer: string) => files(dir).flatMap((f) => imports(f).filter((i) => new RegExp(`(^|/)${layer}/`).test(i)).map((i) => `${f} → ${i}`));

describe("layers point one way", () => {
  it("lib/ imports nothing from loaders, store, reports, settings, server, bin, scripts", () => {
    for (const layer of ["loaders", "store", "reports", "settings", "server", "bin", "scripts"]) expect(reaches("lib", layer)).toEqual([]);
  });
  it("store/ imports nothing from loaders/ and settings/", () => {
    expect(reaches("store", "loaders")).toEqual([]);
    expect(reaches("store", "settings")).toEqual([]);
  });
  it("settings/ imports only lib/ and store/", () => {
    for (const layer of ["loaders", "reports", "server", "bin", "scripts"]) expect(reaches("settings", layer)).toEqual([]);
  });
  it("bin/ and scripts/ do not import each other", () => {
    expect(reaches("bin", "scripts")).toEqual([]);
    expect(reaches("scripts", "bin")).toEqual([]);
  });
});
