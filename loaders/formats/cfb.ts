// The guard and reader of OLE compound files (CFB, [MS-CFB]): the container of Excel 97–2003
// workbooks (.xls) and of password-protected .xlsx files. Everything a hostile file could lie
// about is checked before it is used: the sector size, every FAT, DIFAT and directory chain (in
// the file and loop-free), the number of directory entries, each stream's size against its chain
// and the file. Synchronous and pure, like the zip guard.
import {corrupt} from "../xlsx/sheetBuilder.ts";

export interface CfbLimits {
  /** Directory entries (a workbook has a handful; every one is 128 bytes of the file). */
  maxDirectoryEntries: number;
}

export const defaultCfbLimits: CfbLimits = {maxDirectoryEntries: 4096};

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_CHAIN = 0xfffffffe, FREE = 0xffffffff, NO_STREAM = 0xffffffff;
const MINI_SECTOR = 64, MINI_CUTOFF = 4096;

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

export interface Cfb {
  /** Names of the streams and storages directly under the root, as written. */
  names: string[];
  /** A stream under the root by name (case-insensitive, as CFB compares), checked and copied out. */
  stream(name: string): Buffer | undefined;
}

/** Follows chains through a table without trusting it: every link in range, no link twice. */
class Chains {
  private readonly seen: Uint32Array;
  private generation = 0;

  constructor(private readonly table: Uint32Array, private readonly count: number, private readonly what: string) {
    this.seen = new Uint32Array(count);
  }

  follow(start: number): number[] {
    const out: number[] = [];
    const gen = ++this.generation;
    for (let s = start; s !== END_OF_CHAIN;) {
      if (s >= this.count) throw corrupt(`${this.what} chain points outside the file (${s})`);
      if (this.seen[s] === gen) throw corrupt(`${this.what} chain loops at ${s}`);
      this.seen[s] = gen;
      out.push(s);
      const next = this.table[s];
      if (next === undefined || next === FREE) throw corrupt(`${this.what} chain ends in a free sector`);
      s = next;
    }
    return out;
  }
}

/** Parses a compound file's header, FAT, directory and mini stream. Throws a Refusal. */
export function readCfb(bytes: Buffer, limits: CfbLimits = defaultCfbLimits): Cfb {
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(CFB_SIGNATURE)) throw corrupt("not a compound file");
  if (bytes.readUInt16LE(28) !== 0xfffe) throw corrupt("byte order mark");
  const shift = bytes.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) throw corrupt(`sector size 2^${shift}`);
  if (bytes.readUInt16LE(32) !== 6) throw corrupt("mini sector size");
  const sectorSize = 1 << shift;
  const sectorCount = Math.ceil((bytes.length - sectorSize) / sectorSize);
  if (sectorCount < 1) throw corrupt("no sectors");
  const at = (s: number) => sectorSize * (s + 1);
  const numFat = bytes.readUInt32LE(44), firstDir = bytes.readUInt32LE(48);
  const firstMiniFat = bytes.readUInt32LE(60), numMiniFat = bytes.readUInt32LE(64);
  const firstDifat = bytes.readUInt32LE(68), numDifat = bytes.readUInt32LE(72);
  if (numFat === 0 || numFat > sectorCount) throw corrupt(`FAT sectors: ${numFat}`);
  if (numDifat > sectorCount) throw corrupt(`DIFAT sectors: ${numDifat}`);
  if (numMiniFat > sectorCount) throw corrupt(`mini FAT sectors: ${numMiniFat}`);

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain (loop-free, in the file).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(bytes.readUInt32LE(76 + 4 * i));
  const perDifat = sectorSize / 4 - 1;
  const difatSeen = new Set<number>();
  for (let s = firstDifat, n = 0; fatSectors.length < numFat; n++) {
    if (n >= numDifat || s >= sectorCount || difatSeen.has(s)) throw corrupt("DIFAT chain");
    difatSeen.add(s);
    for (let i = 0; i < perDifat && fatSectors.length < numFat; i++) fatSectors.push(bytes.readUInt32LE(at(s) + 4 * i));
    s = bytes.readUInt32LE(at(s) + 4 * perDifat);
  }
  const entriesPerSector = sectorSize / 4;
  const fat = new Uint32Array(Math.min(numFat * entriesPerSector, sectorCount));
  for (const [k, s] of fatSectors.entries()) {
    if (s >= sectorCount || at(s) + sectorSize > bytes.length) throw corrupt(`FAT sector ${s} outside the file`);
    for (let i = 0; i < entriesPerSector; i++) {
      const index = k * entriesPerSector + i;
      if (index >= fat.length) break;
      fat[index] = bytes.readUInt32LE(at(s) + 4 * i);
    }
  }
  const chains = new Chains(fat, sectorCount, "FAT");

  /** A chain's bytes, `size` of them (all of it when size is undefined). */
  const readChain = (start: number, size: number | undefined): Buffer => {
    const sectors = chains.follow(start);
    const available = sectors.length * sectorSize;
    if (size !== undefined && size > available) throw corrupt(`stream of ${size} bytes in ${sectors.length} sectors`);
    const out = Buffer.alloc(size ?? available);
    for (const [i, s] of sectors.entries()) {
      const from = at(s);
      if (from >= bytes.length) throw corrupt(`sector ${s} outside the file`);
      if (i * sectorSize >= out.length) break;
      bytes.copy(out, i * sectorSize, from, Math.min(from + sectorSize, bytes.length));
    }
    return out;
  };

  // The directory: entries of 128 bytes along its chain, at most maxDirectoryEntries.
  const dirSectors = chains.follow(firstDir);
  if (dirSectors.length * (sectorSize / 128) > limits.maxDirectoryEntries) throw corrupt(`directory of ${dirSectors.length} sectors`);
  const dirBytes = readChain(firstDir, undefined);
  const entries: DirEntry[] = [];
  for (let p = 0; p + 128 <= dirBytes.length; p += 128) {
    const nameLength = Math.min(64, dirBytes.readUInt16LE(p + 64));
    const size = shift === 9 ? dirBytes.readUInt32LE(p + 120) : dirBytes.readUInt32LE(p + 120) + dirBytes.readUInt32LE(p + 124) * 2 ** 32;
    entries.push({
      name: dirBytes.toString("utf16le", p, p + Math.max(0, nameLength - 2)),
      type: dirBytes[p + 66]!,
      left: dirBytes.readUInt32LE(p + 68), right: dirBytes.readUInt32LE(p + 72), child: dirBytes.readUInt32LE(p + 76),
      start: dirBytes.readUInt32LE(p + 116), size
    });
  }
  const root = entries[0];
  if (!root || root.type !== 5) throw corrupt("no root entry");
  if (root.size > bytes.length) throw corrupt("mini stream larger than the file");

  // The root's children: the red-black tree under root.child, walked with every index checked once.
  const children: DirEntry[] = [];
  const visited = new Set<number>();
  const stack = [root.child];
  while (stack.length) {
    const i = stack.pop()!;
    if (i === NO_STREAM) continue;
    if (i >= entries.length || visited.has(i)) throw corrupt("directory tree");
    visited.add(i);
    const e = entries[i]!;
    children.push(e);
    stack.push(e.left, e.right);
  }

  let mini: {stream: Buffer; chains: Chains} | undefined;
  const miniStream = () => {
    if (mini) return mini;
    const stream = root.start === END_OF_CHAIN ? Buffer.alloc(0) : readChain(root.start, root.size);
    const miniFatBytes = numMiniFat === 0 ? Buffer.alloc(0) : readChain(firstMiniFat, undefined);
    const miniCount = Math.floor(stream.length / MINI_SECTOR);
    const table = new Uint32Array(Math.min(miniFatBytes.length / 4, miniCount));
    for (let i = 0; i < table.length; i++) table[i] = miniFatBytes.readUInt32LE(4 * i);
    return mini = {stream, chains: new Chains(table, miniCount, "mini FAT")};
  };

  return {
    names: children.map((e) => e.name),
    stream(name: string): Buffer | undefined {
      const e = children.find((c) => c.type === 2 && c.name.toLowerCase() === name.toLowerCase());
      if (!e) return undefined;
      if (e.size > bytes.length) throw corrupt(`stream ${e.name} larger than the file`);
      if (e.size >= MINI_CUTOFF) return readChain(e.start, e.size);
      if (e.size === 0) return Buffer.alloc(0);
      const m = miniStream();
      const sectors = m.chains.follow(e.start);
      if (e.size > sectors.length * MINI_SECTOR) throw corrupt(`stream ${e.name} longer than its chain`);
      const out = Buffer.alloc(e.size);
      for (const [i, s] of sectors.entries()) {
        if (i * MINI_SECTOR >= out.length) break;
        m.stream.copy(out, i * MINI_SECTOR, s * MINI_SECTOR, s * MINI_SECTOR + MINI_SECTOR);
      }
      return out;
    }
  };
}
