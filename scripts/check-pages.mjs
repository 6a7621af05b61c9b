// Serve dist/ on 127.0.0.1 and render pages in Debian's headless Chromium.
// Usage: node scripts/check-pages.mjs [page ...]   (e.g. / /engagement); DIST_DIR=dist-public for the public build.
// Exit code 1 if any page has a cell error, console error, failed or external request.
import {createServer} from "node:http";
import {readFile, stat, mkdtemp, mkdir, rm} from "node:fs/promises";
import {extname, join, normalize} from "node:path";
import {tmpdir} from "node:os";
import {chromium} from "playwright-core";

const DIST = process.env.DIST_DIR ? join(process.cwd(), process.env.DIST_DIR, "/") : new URL("../dist/", import.meta.url).pathname;
const SHOTS = process.env.SHOTS_DIR ?? "test-results"; // screenshots, one PNG per page
await mkdir(SHOTS, {recursive: true});
const TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm", ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/octet-stream", ".csv": "text/csv", ".svg": "image/svg+xml", ".png": "image/png"};

async function resolveFile(urlPath) {
  let p = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  if (p.endsWith("/")) p += "index";
  for (const c of [p, p + ".html"]) {
    try { if ((await stat(join(DIST, c))).isFile()) return join(DIST, c); } catch {}
  }
  return null;
}

const server = createServer(async (req, res) => {
  const file = await resolveFile(new URL(req.url, "http://x").pathname);
  if (!file) { res.writeHead(404).end("not found"); return; }
  res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
  res.end(await readFile(file));
});
// BASE_URL=http://127.0.0.1:3000 checks a running `observable preview` instead of dist/.
let origin = process.env.BASE_URL?.replace(/\/$/, "");
if (!origin) {
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
}

const userDataDir = await mkdtemp(join(tmpdir(), "chromium-profile-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: {width: 1200, height: 900}
});

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ["/"];
let problems = 0;
for (const path of pages) {
  const page = await context.newPage();
  const errors = [], failed = [], external = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  // ERR_ABORTED on a same-origin file is a reader that stopped early (apache-arrow
  // cancels the body after the end-of-stream marker); it is not a failure.
  const aborted = [];
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText;
    (why === "net::ERR_ABORTED" && r.url().startsWith(origin) ? aborted : failed).push(`${r.url()} (${why})`);
  });
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`); });
  // Block and record anything that is not our local server.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  await page.goto(origin + path, {waitUntil: "networkidle"});
  await page.waitForTimeout(1500);
  // Observable cells that threw render an .observablehq--error node.
  const cellErrors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent));
  const svgs = await page.$$eval("main svg", (els) => els.length);
  const shot = join(SHOTS, `page${path === "/" ? "-index" : path.replace(/\W+/g, "-")}.png`);
  await page.screenshot({path: shot, fullPage: true});
  console.log(JSON.stringify({path, svgs, cellErrors, errors, failed, aborted, external, shot}, null, 2));
  problems += cellErrors.length + errors.filter((e) => !e.startsWith("warning")).length + failed.length + external.length;
  await page.close();
}
await context.close();
await rm(userDataDir, {recursive: true, force: true});
if (server.listening) server.close();
process.exitCode = problems ? 1 : 0;
