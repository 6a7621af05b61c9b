// Starting servers for tests: in this process (fast; the upload path, security, exports) or as a
// child process running `mentoring serve` (memory, kill -9, a second server on the same database).
import {spawn, type ChildProcess} from "node:child_process";
import {get as httpGet, request as httpRequest} from "node:http";
import {mkdtempSync, readdirSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Store} from "../../store/database.ts";
import {startServer, type RunningServer, type ServerOptions} from "../../server/app.ts";

export interface TestServer extends RunningServer {
  store: Store;
  dir: string;
  logs: string[];
}

export async function testServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "mentoring-server-"));
  const store = await Store.open(join(dir, "m.duckdb"));
  const logs: string[] = [];
  const running = await startServer({store, host: "127.0.0.1", port: 0, distDir: join(dir, "dist"), uploadsDir: join(dir, "uploads"),
    snapshotPath: join(dir, "snapshot.duckdb"), build: null, workers: 2, log: (l) => logs.push(l), ...options});
  await running.pool.warm();
  return {...running, store, dir, logs, close: async () => { await running.close(); await store.close(); }};
}

export interface UploadFile {
  name: string;
  bytes: Buffer;
}

/** POSTs files as the upload page does (multipart, CSRF header), returns status and JSON. */
export async function upload(url: string, csrf: string, files: UploadFile[], query: Record<string, string> = {},
  headers: Record<string, string> = {}): Promise<{status: number; body: any}> {
  const form = new FormData();
  for (const f of files) form.append("file", new Blob([new Uint8Array(f.bytes)]), f.name);
  const res = await fetch(`${url}/api/uploads?${new URLSearchParams(query)}`, {method: "POST", body: form,
    headers: {"X-CSRF-Token": csrf, Accept: "application/json", ...headers}});
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return {status: res.status, body};
}

export const sample = (path: string): UploadFile => ({name: path.split("/").pop()!, bytes: readFileSync(join("data/sample", path))});

export interface ChildServer {
  url: string;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  csrf(): Promise<string>;
  stop(): Promise<void>;
}

/** Runs `mentoring serve` in a child process and waits for its address. */
export function childServer(db: string, extra: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/cli.ts", "serve", "--db", db, "--port", "0", "--no-dashboards", ...extra],
    {stdio: ["ignore", "pipe", "pipe"]});
  const stdout: string[] = [], stderr: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr.join("")}`)), 30_000);
    child.stderr!.on("data", (b: Buffer) => stderr.push(b.toString()));
    child.stdout!.on("data", (b: Buffer) => {
      stdout.push(b.toString());
      const m = /Сервер запущен: (http:\/\/[\d.]+:\d+)/.exec(stdout.join(""));
      if (m) {
        clearTimeout(timer);
        const url = m[1]!;
        resolve({url, child, stdout, stderr,
          csrf: async () => ((await (await fetch(`${url}/api/session`)).json()) as {csrf: string}).csrf,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          })});
      }
    });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${stderr.join("")}`)); });
  });
}

/**
 * POSTs one file of `size` bytes as multipart without holding it in memory: the body is streamed
 * from one 64 KB block (its first bytes carry `seed`, so each file's hash differs). For heavy-load
 * tests: a hundred concurrent 10 MB uploads cost this process almost nothing.
 */
export function streamUpload(url: string, csrf: string, o: {name: string; size: number; seed: number},
  headers: Record<string, string> = {}): Promise<{status: number; headers: Record<string, string | string[] | undefined>; body: any}> {
  const boundary = `----mentoring${o.seed}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${o.name}"\r\n` +
    "Content-Type: application/octet-stream\r\n\r\n");
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const block = Buffer.alloc(64 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 7919 + o.seed * 104729) % 251;
  block.write(`seed ${o.seed} `, 0);
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({host: u.hostname, port: u.port, path: "/api/uploads", method: "POST", headers: {
      "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": head.length + o.size + tail.length,
      "X-CSRF-Token": csrf, Accept: "application/json", Connection: "close", ...headers}}, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: any = text;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        resolve({status: res.statusCode!, headers: res.headers, body});
      });
    });
    req.on("error", reject);
    req.write(head);
    let sent = 0;
    const pump = () => {
      while (sent < o.size) {
        const n = Math.min(block.length, o.size - sent);
        sent += n;
        if (!req.write(n === block.length ? block : block.subarray(0, n))) { req.once("drain", pump); return; }
      }
      req.end(tail);
    };
    pump();
  });
}

/** Every process started by `pid`, and theirs (Linux /proc). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tasks: string[] = [];
    try { tasks = readdirSync(`/proc/${p}/task`); } catch { return; }
    for (const t of tasks) {
      let kids = "";
      try { kids = readFileSync(`/proc/${p}/task/${t}/children`, "utf8"); } catch { continue; }
      for (const k of kids.trim().split(/\s+/).filter(Boolean).map(Number)) { out.push(k); walk(k); }
    }
  };
  walk(pid);
  return out;
}

/** Current resident memory of a process, MB (0 when it is gone). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and everything it started (the server and its parse children), MB. */
export function treeRssMb(pid: number): number {
  return [pid, ...descendants(pid)].reduce((n, p) => n + rssMb(p), 0);
}

/**
 * Calls /healthz every `everyMs` until stopped; returns every answer's status and time. A server
 * that parses in its own thread would answer late or not at all while a hostile file is read.
 */
export function watchHealth(url: string, everyMs = 100): {stop: () => Promise<Array<{status: number; ms: number}>>} {
  const seen: Array<{status: number; ms: number}> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const status = await new Promise<number>((resolve) => {
        httpGet(`${url}/healthz`, {agent: false}, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode!)); }).on("error", () => resolve(0));
      });
      seen.push({status, ms: performance.now() - t});
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {stop: async () => { running = false; await loop; return seen; }};
}

/**
 * watchHealth from a separate process: under a storm of uploads sent by this process, its own
 * event loop would delay the checks and measure itself, not the server.
 */
export function watchHealthApart(url: string, everyMs = 100): {stop: () => Promise<Array<{status: number; ms: number}>>} {
  // A new connection per check (no keep-alive): a check process starved by a busy machine must not
  // reuse a connection the server has meanwhile closed, and report the server for it.
  const script = `const http = require("node:http"); const url = ${JSON.stringify(url)};
    const tick = () => { const t = performance.now();
      const done = (status) => { process.stdout.write(JSON.stringify({status, ms: performance.now() - t}) + "\\n"); setTimeout(tick, ${everyMs}); };
      http.get(url + "/healthz", {agent: false}, (res) => { res.resume(); res.on("end", () => done(res.statusCode)); }).on("error", () => done(0)); };
    tick();`;
  const child = spawn(process.execPath, ["-e", script], {stdio: ["ignore", "pipe", "ignore"]});
  let out = "";
  child.stdout!.on("data", (b: Buffer) => { out += b.toString(); });
  return {stop: () => new Promise((done) => {
    child.once("exit", () => done(out.split("\n").filter(Boolean).map((l) => JSON.parse(l) as {status: number; ms: number})));
    child.kill("SIGTERM");
  })};
}

/** Peak resident memory of a process (Linux VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}
