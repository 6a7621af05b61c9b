// Passwords (issue 16 §1): scrypt from node:crypto with OWASP's parameters (N=2^15, r=8, p=3:
// 32 MB and ~0.1–0.4 s per hash here), a random 16-byte salt, the parameters kept in the stored
// string so they can be raised later; compared in constant time. At most two hashes run at once,
// so a burst of logins cannot take the server's memory or both cores.
import {randomBytes, scrypt, timingSafeEqual, type ScryptOptions} from "node:crypto";

export const SCRYPT = {N: 2 ** 15, r: 8, p: 3, keyLength: 32} as const;

const MAX_AT_ONCE = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, o: {N: number; r: number; p: number; keyLength: number}): Promise<Buffer> {
  const options: ScryptOptions = {N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r};
  return limited(() => new Promise((done, fail) => scrypt(password.normalize("NFC"), salt, o.keyLength, options,
    (e, key) => (e ? fail(e) : done(key)))));
}

/** `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** True when the password matches the stored hash; false for a malformed or missing one. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? "").split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  if (expected.length < 16) return false;
  const key = await derive(password, salt, {N, r, p, keyLength: expected.length});
  return timingSafeEqual(key, expected);
}

/** A hash no password matches, checked when the login is unknown so that the answer takes as long. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString("base64url"));
  return decoy;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password will not do (Russian), or null. Long passphrases welcome; no composition rules (NIST SP 800-63B). */
export function passwordProblem(password: string, login: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `пароль короче ${MIN_PASSWORD_LENGTH} знаков: возьмите фразу из нескольких слов.`;
  if ([...password].length > 200) return "пароль длиннее 200 знаков.";
  const lower = password.toLowerCase();
  if (login && lower.includes(login.toLowerCase())) return "пароль не должен содержать имя для входа.";
  if (new Set(password).size < 4) return "в пароле слишком мало разных знаков.";
  if (COMMON.some((c) => lower.includes(c))) return "пароль слишком простой (в нём есть часто используемое сочетание): придумайте другой.";
  return null;
}

/** Sequences that make a password guessable whatever surrounds them. */
const COMMON = ["1234567", "qwerty", "йцукен", "password", "пароль", "1q2w3e", "abc123", "111111", "000000", "iloveyou", "admin123"];
