// The SWOT tally: how often each quadrant and each coded statement was mentioned, by whom.
import {QUADRANT_LABELS, QUADRANTS, type Quadrant} from "./swotCoding.ts";

export interface SwotRespondent {
  id: string;
  role: string;
}

/** One coded statement of one respondent's answer. */
export interface SwotMention {
  respondent: string;
  role: string;
  quadrant: Quadrant | null;
  statementId: string | null;
}

export interface Count {
  mentions: number;
  /** Distinct respondents who mentioned it. */
  respondents: number;
  /** respondents / all respondents of the group, in percent; null for an empty group. */
  share: number | null;
}

export interface StatementTally extends Count {
  id: string;
  quadrant: Quadrant;
  label: string;
  byRole: Record<string, Count>;
}

export interface QuadrantTally extends Count {
  quadrant: Quadrant;
  label: string;
  /** Mentions that reached the quadrant through the question's wording but fit no codebook statement. */
  uncodedMentions: number;
  byRole: Record<string, Count>;
  /** The most mentioned statements, most first. */
  top: StatementTally[];
}

export interface SwotTally {
  respondents: {total: number; byRole: Record<string, number>};
  quadrants: QuadrantTally[];
  statements: StatementTally[];
  /** Mentions with neither statement nor quadrant: they wait for a person to code them. */
  uncodedMentions: number;
}

function count(mentions: SwotMention[], groupSize: number): Count {
  const respondents = new Set(mentions.map((m) => m.respondent)).size;
  return {mentions: mentions.length, respondents, share: groupSize > 0 ? (100 * respondents) / groupSize : null};
}

function byRole(mentions: SwotMention[], roleSizes: Map<string, number>): Record<string, Count> {
  const out: Record<string, Count> = {};
  for (const [role, size] of roleSizes) out[role] = count(mentions.filter((m) => m.role === role), size);
  return out;
}

/**
 * «SWOT-анализ: частота упоминаний»: mentions per quadrant and per coded statement, with the number
 * and share of respondents who mentioned each (share = respondents who mentioned it / all
 * respondents of the group × 100, so a role's share is over that role's respondents), overall and
 * by role, and the `top` statements of each quadrant (most mentions, then most respondents, then
 * codebook id). A respondent who names a statement twice is two mentions and one respondent.
 * Source: DOMAIN.md «Annual effectiveness» (SWOT tally); seed 001, appendix 3, stage 1.
 * Throws when a mention names a respondent not in the list.
 * @example
 * swotTally([{id: "a", role: "наставник"}, {id: "b", role: "наставляемый"}],
 *   [{respondent: "a", role: "наставник", quadrant: "strengths", statementId: "S1"},
 *    {respondent: "b", role: "наставляемый", quadrant: "strengths", statementId: "S1"},
 *    {respondent: "b", role: "наставляемый", quadrant: "threats", statementId: null}],
 *   new Map([["S1", "Поддержка"]]))
 * // strengths: 2 mentions, 2 respondents, share 100; S1 share 100; threats: 1 mention, share 50, uncodedMentions 1
 */
export function swotTally(respondents: SwotRespondent[], mentions: SwotMention[], labels: Map<string, string>, top = 5): SwotTally {
  const roleSizes = new Map<string, number>();
  const known = new Set<string>();
  for (const r of respondents) {
    if (known.has(r.id)) continue;
    known.add(r.id);
    roleSizes.set(r.role, (roleSizes.get(r.role) ?? 0) + 1);
  }
  for (const m of mentions) if (!known.has(m.respondent)) throw new Error(`mention of unknown respondent ${m.respondent}`);
  const total = known.size;

  const statementIds = [...new Set(mentions.filter((m) => m.statementId !== null).map((m) => m.statementId!))];
  const statements: StatementTally[] = statementIds.map((id) => {
    const ms = mentions.filter((m) => m.statementId === id);
    return {id, quadrant: ms[0]!.quadrant!, label: labels.get(id) ?? id, ...count(ms, total), byRole: byRole(ms, roleSizes)};
  }).sort((a, b) => b.mentions - a.mentions || b.respondents - a.respondents || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const quadrants: QuadrantTally[] = QUADRANTS.map((quadrant) => {
    const ms = mentions.filter((m) => m.quadrant === quadrant);
    return {
      quadrant, label: QUADRANT_LABELS[quadrant], ...count(ms, total),
      uncodedMentions: ms.filter((m) => m.statementId === null).length,
      byRole: byRole(ms, roleSizes),
      top: statements.filter((s) => s.quadrant === quadrant).slice(0, top)
    };
  });
  return {
    respondents: {total, byRole: Object.fromEntries(roleSizes)},
    quadrants, statements,
    uncodedMentions: mentions.filter((m) => m.quadrant === null && m.statementId === null).length
  };
}
