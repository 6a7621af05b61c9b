/** One additive relation a table exposes: the figure of `total` is the sum of the figures of `parts`. */
export interface Equation {
  total: string;
  parts: string[];
}

/** The result of complementary suppression: every hidden cell, and which of them were hidden only to protect others. */
export interface Suppression {
  hidden: Set<string>;
  /** Cells that are not small themselves («вторичное подавление»). */
  secondary: Set<string>;
}

/**
 * «Первичное подавление»: the cells of fewer than `min` people — 1 to min − 1. A zero reveals
 * nobody and is shown (as lib/suppressedFigures.ts does: «нет данных» or 0, never «< 5»); an unknown
 * size (null) has nothing to hide.
 * @example primaryCells({a: 3, b: 12, c: 0, d: null}, 5) // Set {"a"}
 */
export function primaryCells(sizes: Record<string, number | null>, min: number): Set<string> {
  if (!Number.isInteger(min) || min < 1) throw new Error(`min must be a positive integer, got ${min}`);
  return new Set(Object.entries(sizes).filter(([, n]) => n !== null && n > 0 && n < min).map(([id]) => id));
}

/** Cells of one equation: the total first, then the parts. */
const cellsOf = (e: Equation) => [e.total, ...e.parts];

/**
 * The part to hide next in an equation: the smallest non-zero visible part (a hidden zero protects
 * almost nothing), then a zero part, then the total; ties by the id's order (deterministic).
 * Null when every cell of the equation is hidden already.
 */
function nextCell(e: Equation, hidden: Set<string>, size: (id: string) => number): string | null {
  const visible = e.parts.filter((p) => !hidden.has(p));
  const order = (a: string, b: string) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0);
  const nonZero = visible.filter((p) => size(p) > 0).sort(order);
  if (nonZero.length) return nonZero[0]!;
  const zero = visible.sort(order);
  if (zero.length) return zero[0]!;
  return hidden.has(e.total) ? null : e.total;
}

/**
 * The next cell to hide so that a determined cell stops being determined: the usual choice in its
 * innermost equation that still shows something; when all of its equations are hidden, in the
 * equations of their hidden cells, and so on outwards (breadth first).
 */
function widen(eqs: Equation[], determined: string[], hidden: Set<string>, size: (id: string) => number): string | null {
  const seen = new Set<Equation>();
  const reached = new Set(determined);
  let frontier = [...determined];
  while (frontier.length) {
    const next: string[] = [];
    for (const x of frontier) {
      for (const e of eqs) {
        if (seen.has(e) || !cellsOf(e).includes(x)) continue;
        seen.add(e);
        const c = nextCell(e, hidden, size);
        if (c !== null) return c;
        for (const y of cellsOf(e)) if (!reached.has(y)) { reached.add(y); next.push(y); }
      }
    }
    frontier = next;
  }
  return null;
}

/** Options of complementarySuppression. */
export interface SuppressionOptions {
  /** Cells shown or hidden together (engaged and population of one group; a programme's mentors and mentees). */
  links?: string[][];
  /** After the rule, also hide until no hidden cell is determined by all the equations together (determinedCells). Default true. */
  exact?: boolean;
}

/**
 * «Вторичное (дополнительное) подавление»: in every additive table a reader receives (a total and
 * its parts — region = Σ municipalities, municipality = Σ schools, total = Σ forms; nested or
 * crossed), a hidden cell could be recovered by subtraction when it is the only hidden cell of an
 * equation total = Σ parts. So, starting from the primary cells (groups of fewer than 5 people),
 * every equation must have either no hidden cell or at least two:
 *   while some equation has exactly one hidden cell, hide one more cell of it — the smallest
 *   non-zero visible part (then a zero part, then the total), ties broken by the cell's id;
 *   equations are taken inner first (by the size of their total, then its id), so the result does
 *   not depend on the order they are listed in.
 * This is the usual rule of statistical offices (Росстат, Eurostat «secondary cell suppression»):
 * the smallest additional loss of information. Hiding a municipality to protect its school adds a
 * secondary cell in the region's equation, and so on until no equation changes (it ends: every
 * round hides a cell, and there are finitely many). If the total itself is hidden and all its
 * parts were shown, a part is hidden so the parts do not add up to it.
 * In crossed tables (programmes by school and by form) two hidden cells per equation are not always
 * enough: equations taken together can still give a cell. So, then, while determinedCells finds a
 * hidden cell the whole system determines, one more cell of its innermost equation is hidden by the
 * same choice, and the rule runs again.
 * A table with several figures per cell (engaged and population) uses one pattern for all of them
 * (`links`), so a share is hidden whenever either of its figures is.
 * @example complementarySuppression({M: 105, A: 3, B: 12, C: 40, D: 50}, [{total: "M", parts: ["A", "B", "C", "D"]}], 5)
 * // A (3) is primary; B (12) is the smallest other part: secondary.
 * // hidden Set {"A", "B"}, secondary Set {"B"}; C, D and M stay (M − C − D = 15 = A + B: neither is known)
 */
export function complementarySuppression(sizes: Record<string, number | null>, equations: Equation[], min: number,
  primary: Iterable<string> = primaryCells(sizes, min), options: SuppressionOptions = {}): Suppression {
  const linked = new Map<string, string[]>();
  for (const group of options.links ?? []) for (const c of group) linked.set(c, group);
  const hidden = new Set<string>();
  const hide = (c: string) => { for (const x of linked.get(c) ?? [c]) hidden.add(x); };
  for (const c of primary) hide(c);
  const first = new Set(hidden);
  const size = (id: string) => sizes[id] ?? 0;
  // Inner tables first (the smaller total: schools of a municipality before the region), ties by
  // the total's id: the result does not depend on the order the equations were listed in.
  const eqs = equations.filter((e) => e.parts.length > 0).map((e) => ({total: e.total, parts: [...new Set(e.parts)]}))
    .sort((a, b) => size(a.total) - size(b.total) || (a.total < b.total ? -1 : a.total > b.total ? 1 : 0));
  const rule = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const e of eqs) {
        if (cellsOf(e).filter((c) => hidden.has(c)).length !== 1) continue;
        const next = nextCell(e, hidden, size);
        if (next !== null) { hide(next); changed = true; }
      }
    }
  };
  rule();
  while (options.exact ?? true) {
    // A cell the equations fix at 0 whatever is hidden (a school with no programme of a form) reveals nobody.
    const determined = [...recoveredValues(eqs, hidden, sizes)].filter(([, v]) => v !== 0).map(([c]) => c);
    if (!determined.length) break;
    const next = widen(eqs, determined, hidden, size);
    // No equation connected to a determined cell has anything left to hide (not met in practice).
    if (next === null) break;
    hide(next);
    rule();
  }
  return {hidden, secondary: new Set([...hidden].filter((c) => !first.has(c)))};
}

/**
 * «Проверка вычитанием»: the hidden cells a reader could compute from the shown ones through one
 * equation — those alone in an equation (total = Σ parts, every other cell shown). Empty after
 * complementarySuppression. Used by the tests on every aggregate output.
 * @example recoverableCells([{total: "M", parts: ["A", "B", "C"]}], new Set(["A"])) // ["A"]
 * @example recoverableCells([{total: "M", parts: ["A", "B", "C"]}], new Set(["A", "B"])) // []
 */
export function recoverableCells(equations: Equation[], hidden: Set<string>): string[] {
  const out = new Set<string>();
  for (const e of equations) {
    if (!e.parts.length) continue;
    const h = [...new Set(cellsOf(e))].filter((c) => hidden.has(c));
    if (h.length === 1) out.add(h[0]!);
  }
  return [...out];
}

/**
 * «Восстановимые по системе уравнений»: the hidden cells a reader could compute from all the
 * equations together (not only one at a time): the hidden cells x_i with e_i in the row space of the
 * equations' coefficients over the hidden cells (shown cells are known numbers). Gaussian
 * elimination to reduced row echelon form; x_i is determined exactly when its pivot row has no other
 * non-zero entry. A stricter check than recoverableCells.
 * @example determinedCells([{total: "M", parts: ["A", "B"]}, {total: "R", parts: ["M", "N"]}], new Set(["A", "B", "M"]))
 * // ["M"]: R and N are shown, so M = R − N; A and B stay unknown
 */
export function determinedCells(equations: Equation[], hidden: Set<string>): string[] {
  return [...recoveredValues(equations, hidden, {}).keys()];
}

/**
 * What a reader recovers: each determined hidden cell (determinedCells) with the value the shown
 * cells give it (`values` of the shown cells; a missing one counts as 0).
 * @example recoveredValues([{total: "R", parts: ["M", "N"]}], new Set(["M"]), {R: 10, N: 4}) // Map {"M" => 6}
 */
export function recoveredValues(equations: Equation[], hidden: Set<string>, values: Record<string, number | null>): Map<string, number> {
  const vars = [...hidden].sort();
  const col = new Map(vars.map((v, i) => [v, i]));
  const n = vars.length;
  const rows: number[][] = [];
  for (const e of equations) {
    if (!e.parts.length) continue;
    // Σ coefficients × hidden cells = −Σ coefficients × shown cells (kept in the last column).
    const row = new Array<number>(n + 1).fill(0);
    let any = false;
    const add = (c: string, k: number) => {
      const i = col.get(c);
      if (i !== undefined) { row[i]! += k; any = true; } else row[n]! -= k * (values[c] ?? 0);
    };
    add(e.total, 1);
    for (const p of new Set(e.parts)) add(p, -1);
    if (any) rows.push(row);
  }
  const eps = 1e-9;
  const pivots: Array<{row: number; col: number}> = [];
  let r = 0;
  for (let c = 0; c < n && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < eps) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pr = rows[r]!;
    const k = pr[c]!;
    for (let j = 0; j <= n; j++) pr[j]! /= k;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) < eps) continue;
      for (let j = 0; j <= n; j++) rows[i]![j]! -= f * pr[j]!;
    }
    pivots.push({row: r, col: c});
    r++;
  }
  const out = new Map<string, number>();
  for (const {row, col: c} of pivots) {
    if (rows[row]!.every((v, j) => j === n || j === c || Math.abs(v) < eps)) out.set(vars[c]!, Math.round(rows[row]![n]! * 1e6) / 1e6);
  }
  return out;
}
