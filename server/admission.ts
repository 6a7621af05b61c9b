// Admission control (issue 13 §3): how much upload the server takes on at once, and in what order.
//   - Bytes held in memory: a request reserves its declared size before its body is read; past the
//     budget it is answered 503 «сервер занят, повторите через N с» with Retry-After, unread.
//   - Files parsed at once: at most `maxParsing` (the parse children), and at most `perSender` of
//     one sender, so a sender whose files each hold a parser for its whole time limit leaves a
//     parser to everybody else.
//   - Order: one queue per sender, served round-robin, so one sender's hundred files do not make
//     another's one file wait behind them.
import {createHash} from "node:crypto";
import type {IncomingMessage} from "node:http";
import {cookies} from "./security.ts";

/** Cookie of a signed-in session (server/auth/ sets it). */
export const SESSION_COOKIE = "mentoring_session";

/**
 * Whose queue a request's files join. Today: the session cookie if there is one, else the remote
 * address. When accounts exist, this is the account id (server/auth/ validates the session first;
 * until then a cookie is taken at its word, which only lets a sender split its own files across
 * queues, not jump ahead of anyone).
 */
export function senderKey(req: IncomingMessage, userId: string | null = null): string {
  if (userId && userId !== "local") return `user:${userId}`;
  const session = cookies(req)[SESSION_COOKIE];
  if (session) return `session:${createHash("sha256").update(session).digest("hex").slice(0, 16)}`;
  return `address:${req.socket.remoteAddress ?? "?"}`;
}

export interface AdmissionOptions {
  /** Files parsed at once, at most, all senders together. */
  maxParsing: number;
  /** Files of one sender parsed at once, at most. */
  perSender: number;
  /** Bytes of request bodies held at once, at most. */
  maxHeldBytes: number;
  /** Files one sender may have waiting for a parser, at most. */
  maxQueuedPerSender: number;
}

interface Waiting {
  start: () => void;
}

interface SenderQueue {
  waiting: Waiting[];
  active: number;
}

export class Admission {
  private held = 0;
  private active = 0;
  private readonly senders = new Map<string, SenderQueue>();
  /** Round-robin position: the sender served last. */
  private last: string | null = null;
  /** Recent parse times, ms, for the Retry-After estimate. */
  private recent: number[] = [];
  /** Requests answered 503 so far (for /api/status and tests). */
  refused = 0;

  constructor(readonly o: AdmissionOptions) {}

  get heldBytes(): number {
    return this.held;
  }

  get parsing(): number {
    return this.active;
  }

  get waiting(): number {
    let n = 0;
    for (const q of this.senders.values()) n += q.waiting.length;
    return n;
  }

  /** Reserves memory for a request body; false when the budget is spent. */
  reserve(bytes: number): boolean {
    if (this.held + bytes > this.o.maxHeldBytes && this.held > 0) return false;
    this.held += bytes;
    return true;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  /** Whether a sender may queue `files` more files. */
  canQueue(sender: string, files: number): boolean {
    const q = this.senders.get(sender);
    return (q?.waiting.length ?? 0) + files <= this.o.maxQueuedPerSender;
  }

  /** Seconds after which a refused request has a fair chance: the work queued ahead, spread over the parsers. */
  retryAfterSeconds(): number {
    const avg = this.recent.length ? this.recent.reduce((a, b) => a + b, 0) / this.recent.length : 500;
    const ahead = this.waiting + this.active;
    return Math.max(1, Math.min(120, Math.ceil((ahead * avg) / this.o.maxParsing / 1000) + 1));
  }

  /** Runs `task` (one file's parse) when a parser is free for this sender, round-robin among senders. */
  run<T>(sender: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let q = this.senders.get(sender);
      if (!q) this.senders.set(sender, q = {waiting: [], active: 0});
      const queue = q;
      queue.waiting.push({start: () => {
        const started = performance.now();
        task().then(resolve, reject).finally(() => {
          this.recent.push(performance.now() - started);
          if (this.recent.length > 50) this.recent.shift();
          this.active--;
          queue.active--;
          if (queue.active === 0 && queue.waiting.length === 0) this.senders.delete(sender);
          this.pump();
        });
      }});
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.o.maxParsing) {
      const next = this.nextSender();
      if (!next) return;
      const [name, q] = next;
      const job = q.waiting.shift()!;
      q.active++;
      this.active++;
      this.last = name;
      job.start();
    }
  }

  /** The first sender after the last one served that has a file waiting and a parser to spare. */
  private nextSender(): [string, SenderQueue] | null {
    const names = [...this.senders.keys()];
    if (!names.length) return null;
    const from = this.last === null ? 0 : names.indexOf(this.last) + 1;
    for (let k = 0; k < names.length; k++) {
      const name = names[(from + k) % names.length]!;
      const q = this.senders.get(name)!;
      if (q.waiting.length && q.active < this.o.perSender) return [name, q];
    }
    return null;
  }
}
