// The annual report printed to PDF by Debian's Chromium (never a downloaded browser): the page is
// set as content, with no network at all, and printed on A4 with its own @page margins.
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

export const CHROMIUM = process.env.MENTORING_CHROMIUM ?? "/usr/bin/chromium";

/** Flags for a headless, offline, throw-away Chromium (issue 8 §5). */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * Browsers this process started, and how many ran at once at most: a Chromium is ~1 GB, so the
 * server renders one at a time (server/pdfQueue.ts); tests read these counts.
 */
export const pdfBrowsers = {launched: 0, running: 0, maxRunning: 0};

export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  // Loaded on demand: the command line starts without the browser driver.
  const {chromium} = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "mentoring-pdf-"));
  pdfBrowsers.launched++;
  pdfBrowsers.maxRunning = Math.max(pdfBrowsers.maxRunning, ++pdfBrowsers.running);
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>;
  try {
    context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
      offline: true});
  } catch (e) {
    pdfBrowsers.running--;
    rmSync(profile, {recursive: true, force: true});
    throw e;
  }
  try {
    const page = await context.newPage();
    // Nothing may be fetched: the page carries everything it needs.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(html, {waitUntil: "load"});
    return Buffer.from(await page.pdf({format: "A4", printBackground: true, preferCSSPageSize: true}));
  } finally {
    await context.close();
    pdfBrowsers.running--;
    rmSync(profile, {recursive: true, force: true});
  }
}
