// A BIFF8 formula's tokens (reverse Polish, [MS-XLS] 2.5.198) as text like `SUM(D5:D7)`, for the
// cell model's `formula` (loaders read the cached result; the text is only shown in issues where a
// formula has no result). The usual tokens are decompiled; anything else gives «…».

const BINARY: Record<number, string> = {0x03: "+", 0x04: "-", 0x05: "*", 0x06: "/", 0x07: "^", 0x08: "&", 0x09: "<", 0x0a: "<=",
  0x0b: "=", 0x0c: ">=", 0x0d: ">", 0x0e: "<>", 0x0f: " ", 0x10: ",", 0x11: ":"};

/** Built-in functions by index: [name, fixed argument count] (the count matters only for ptgFunc). */
const FUNCTIONS: Record<number, [string, number]> = {
  0: ["COUNT", -1], 1: ["IF", -1], 2: ["ISNA", 1], 3: ["ISERROR", 1], 4: ["SUM", -1], 5: ["AVERAGE", -1], 6: ["MIN", -1],
  7: ["MAX", -1], 8: ["ROW", -1], 9: ["COLUMN", -1], 10: ["NA", 0], 15: ["SIN", 1], 20: ["SQRT", 1], 21: ["EXP", 1],
  22: ["LN", 1], 23: ["LOG10", 1], 24: ["ABS", 1], 25: ["INT", 1], 26: ["SIGN", 1], 27: ["ROUND", 2], 28: ["LOOKUP", -1],
  29: ["INDEX", -1], 31: ["MID", 3], 32: ["LEN", 1], 33: ["VALUE", 1], 36: ["AND", -1], 37: ["OR", -1], 38: ["NOT", 1],
  39: ["MOD", 2], 48: ["TEXT", 2], 64: ["MATCH", -1], 65: ["DATE", 3], 74: ["NOW", 0], 101: ["HLOOKUP", -1],
  102: ["VLOOKUP", -1], 112: ["LOWER", 1], 113: ["UPPER", 1], 115: ["LEFT", -1], 116: ["RIGHT", -1], 118: ["TRIM", 1],
  169: ["COUNTA", -1], 212: ["ROUNDUP", 2], 213: ["ROUNDDOWN", 2], 221: ["TODAY", 0], 336: ["CONCATENATE", -1],
  344: ["SUBTOTAL", -1], 345: ["SUMIF", -1], 346: ["COUNTIF", -1], 347: ["COUNTBLANK", 1], 482: ["SUMIFS", -1], 483: ["COUNTIFS", -1]
};

const ERRORS: Record<number, string> = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?", 0x24: "#NUM!", 0x2a: "#N/A"};

function column(n: number): string {
  let s = "";
  for (let c = n + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function ref(row: number, col: number): string {
  return `${col & 0x4000 ? "" : "$"}${column(col & 0x3fff)}${col & 0x8000 ? "" : "$"}${row + 1}`;
}

class GiveUp extends Error {}

/** The formula's text without the leading «=», or «…» when a token is not one we decompile. */
export function formulaText(rgce: Buffer): string {
  try {
    const stack: string[] = [];
    const pop = () => { const v = stack.pop(); if (v === undefined) throw new GiveUp(); return v; };
    const call = (name: string, argc: number) => {
      if (argc > stack.length) throw new GiveUp();
      const args = stack.splice(stack.length - argc, argc);
      stack.push(`${name}(${args.join(",")})`);
    };
    for (let p = 0; p < rgce.length;) {
      const ptg = rgce[p++]!;
      const base = ptg >= 0x20 ? (ptg & 0x1f) | 0x20 : ptg;
      if (BINARY[base]) { const b = pop(), a = pop(); stack.push(`${a}${BINARY[base]}${b}`); continue; }
      switch (base) {
        case 0x12: stack.push(`+${pop()}`); break;
        case 0x13: stack.push(`-${pop()}`); break;
        case 0x14: stack.push(`${pop()}%`); break;
        case 0x15: stack.push(`(${pop()})`); break;
        case 0x16: stack.push(""); break;
        case 0x17: {
          const cch = rgce[p]!, wide = (rgce[p + 1]! & 1) === 1;
          const end = p + 2 + cch * (wide ? 2 : 1);
          if (end > rgce.length) throw new GiveUp();
          stack.push(`"${rgce.toString(wide ? "utf16le" : "latin1", p + 2, end).replace(/"/g, "\"\"")}"`);
          p = end;
          break;
        }
        case 0x19: {
          const kind = rgce[p]!;
          if (kind & 0x04) p += 3 + 2 * (rgce.readUInt16LE(p + 1) + 1); // choose: jump table
          else p += 3;
          if (kind & 0x10) call("SUM", 1); // a SUM of one argument
          break;
        }
        case 0x1c: stack.push(ERRORS[rgce[p]!] ?? "#ERROR"); p += 1; break;
        case 0x1d: stack.push(rgce[p] ? "TRUE" : "FALSE"); p += 1; break;
        case 0x1e: stack.push(String(rgce.readUInt16LE(p))); p += 2; break;
        case 0x1f: stack.push(String(rgce.readDoubleLE(p))); p += 8; break;
        case 0x21: {
          const f = FUNCTIONS[rgce.readUInt16LE(p)];
          if (!f || f[1] < 0) throw new GiveUp();
          call(f[0], f[1]);
          p += 2;
          break;
        }
        case 0x22: {
          const argc = rgce[p]! & 0x7f, f = FUNCTIONS[rgce.readUInt16LE(p + 1) & 0x7fff];
          if (!f) throw new GiveUp();
          call(f[0], argc);
          p += 3;
          break;
        }
        case 0x24: stack.push(ref(rgce.readUInt16LE(p), rgce.readUInt16LE(p + 2))); p += 4; break;
        case 0x25:
          stack.push(`${ref(rgce.readUInt16LE(p), rgce.readUInt16LE(p + 4))}:${ref(rgce.readUInt16LE(p + 2), rgce.readUInt16LE(p + 6))}`);
          p += 8;
          break;
        case 0x2a: stack.push("#REF!"); p += 4; break;
        case 0x2b: stack.push("#REF!"); p += 8; break;
        default: throw new GiveUp();
      }
    }
    return stack.length === 1 ? stack[0]! : "…";
  } catch {
    return "…";
  }
}
