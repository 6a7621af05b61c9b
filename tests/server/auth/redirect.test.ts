// `next` after login (issue 16 §1): known open-redirect payloads (OWASP's cheat sheet and the
// PayloadsAllTheThings list, as the browser's form submission hands them over) must all stay on
// this site. Each result is resolved the way Chromium resolves a Location header: the WHATWG URL
// parser against the page's address.
import {describe, expect, it} from "vitest";
import {safeNext} from "../../../server/auth/redirect.ts";
import {OPEN_REDIRECT_PAYLOADS} from "./payloads.ts";



const ORIGIN = "https://nastavnik.example.ru";

describe("next after login", () => {
  it("keeps a page of this site with its query and fragment", () => {
    expect(safeNext("/history?undone=3")).toBe("/history?undone=3");
    expect(safeNext("/private/teacher?school=%D0%A1%D0%9E%D0%A8%20%E2%84%96%201#card")).toBe("/private/teacher?school=%D0%A1%D0%9E%D0%A8%20%E2%84%96%201#card");
    expect(safeNext("/exports/engagement.xlsx?period=2024-Q1")).toBe("/exports/engagement.xlsx?period=2024-Q1");
    expect(safeNext("/a/../upload")).toBe("/upload");
  });

  it("falls back on nothing, an empty value or something very long", () => {
    expect(safeNext(null)).toBe("/");
    expect(safeNext("", "/account")).toBe("/account");
    expect(safeNext(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it.each(OPEN_REDIRECT_PAYLOADS)("%j stays on this site", (payload) => {
    const target = safeNext(payload);
    expect(target.startsWith("/") && !target.startsWith("//") && !target.includes("\\")).toBe(true);
    expect(new URL(target, ORIGIN).origin).toBe(ORIGIN);
  });

  it("sends every payload that reached another host before to the fallback, not to a rewritten path", () => {
    // The ones that, followed as they are, leave the site in a browser.
    const leaving = OPEN_REDIRECT_PAYLOADS.filter((p) => {
      try {
        return new URL(p, ORIGIN).origin !== ORIGIN;
      } catch {
        return false;
      }
    });
    expect(leaving.length).toBeGreaterThan(15);
    for (const p of leaving) expect(safeNext(p, "/fallback")).toBe("/fallback");
  });
});
