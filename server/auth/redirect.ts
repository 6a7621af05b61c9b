// Where the browser goes after logging in (`next`): only to a page of this server. The value is
// decoded as far as it decodes, refused if it holds a backslash, a control character or starts
// like a protocol-relative or absolute address, then resolved with the WHATWG URL parser (the one
// browsers use) against a stand-in origin: anything that leaves that origin, or whose path
// would itself read as `//host`, is refused. What is returned is the parser's own serialisation.

const ORIGIN = "http://this-server.invalid";
const MAX_LENGTH = 2048;

/** The decoded forms of a value: itself, then each successive percent-decoding (at most 4). */
function decodings(raw: string): string[] | null {
  const out = [raw];
  let s = raw;
  for (let i = 0; i < 4; i++) {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      return null;
    }
    if (d === s) return out;
    out.push(d);
    s = d;
  }
  // Still decoding after four rounds: nobody writes a page address like that.
  return null;
}

function looksForeign(s: string): boolean {
  return !s.startsWith("/") || s.startsWith("//") || s.includes("\\") || /[\u0000-\u001f\u007f\s]/u.test(s.slice(0, 3)) ||
    /[\u0000-\u001f\u007f]/.test(s);
}

/**
 * A same-origin path to redirect to, or `fallback`.
 * @example safeNext("/history?undone=3") // "/history?undone=3"
 * @example safeNext("/\\evil.com") // "/"
 */
export function safeNext(raw: string | null | undefined, fallback = "/"): string {
  if (typeof raw !== "string" || raw === "" || raw.length > MAX_LENGTH) return fallback;
  const forms = decodings(raw);
  if (!forms || forms.some(looksForeign)) return fallback;
  for (const f of forms) {
    let u: URL;
    try {
      u = new URL(f, ORIGIN);
    } catch {
      return fallback;
    }
    if (u.origin !== ORIGIN || u.username || u.password) return fallback;
    if (u.pathname.startsWith("//") || u.pathname.includes("\\")) return fallback;
  }
  const u = new URL(raw, ORIGIN);
  const target = `${u.pathname}${u.search}${u.hash}`;
  return target.startsWith("/") && !target.startsWith("//") ? target : fallback;
}
