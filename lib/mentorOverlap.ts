// How many mentees one mentor has at the same time, from the pairs' date intervals.

export interface MenteeInterval {
  menteeId: number;
  start: Date;
  /** Last day of mentoring (inclusive); null while the programme runs. */
  end: Date | null;
}

export interface OverlapEpisode {
  /** First day on which more than `max` mentees were mentored at once. */
  from: Date;
  /** Last such day (at most `asOf`). */
  to: Date;
  /** True when the episode lasts up to `asOf` and a pair in it goes on. */
  ongoing: boolean;
  /** Most mentees at once during the episode. */
  peak: number;
  /** Mentees whose start on `from` took the count past `max`. */
  startedBy: number[];
  /** Every mentee mentored at some day of the episode, in order of start. */
  menteeIds: number[];
}

export interface MentorOverlap {
  /** Intervals counted (started on or before asOf). */
  n: number;
  /** Most mentees at once up to asOf; 0 when none. */
  peak: number;
  /** First day the peak was reached; null when n = 0. */
  peakDate: Date | null;
  episodes: OverlapEpisode[];
}

const DAY = 86400000;

/**
 * «Одновременная нагрузка наставника»: the periods when a mentor had more than `max` mentees at once.
 *
 * Formula: each pair is the closed interval [start, end] of days (end inclusive; a running pair
 * lasts to `asOf`; pairs starting after `asOf` are left out; everything is cut at `asOf`). A sweep
 * over days adds +1 on each start and −1 on the day after each end; an episode is a maximal run of
 * days where the count exceeds `max`. So a mentee ending on the day a fourth one starts still
 * counts on that day (4 at once), and one ending the day before does not. Not a row count: a
 * mentor with 4 mentees one after another has a peak of 1. Source: seed 001, model regulation
 * (step 5): «не может превышать трех»; DOMAIN.md «Registries». Throws when max < 0.
 *
 * @example mentorOverlap([
 *   {menteeId: 1, start: new Date("2024-09-01"), end: new Date("2025-05-31")},
 *   {menteeId: 2, start: new Date("2024-09-01"), end: null},
 *   {menteeId: 3, start: new Date("2024-10-01"), end: null},
 *   {menteeId: 4, start: new Date("2025-01-10"), end: new Date("2025-03-31")}], {max: 3, asOf: new Date("2025-06-30")})
 * // peak 4 on 2025-01-10; one episode 2025-01-10 … 2025-03-31, startedBy [4], menteeIds [1, 2, 3, 4]
 */
export function mentorOverlap(intervals: MenteeInterval[], options: {max: number; asOf: Date}): MentorOverlap {
  const {max, asOf} = options;
  if (!(max >= 0)) throw new Error("mentorOverlap: max must be a non-negative number");
  const counted = intervals.filter((i) => i.start <= asOf);
  // Day numbers keep the sweep in integers.
  const asOfDay = asOf.getTime() / DAY;
  const spans = counted.map((i) => ({
    id: i.menteeId,
    from: i.start.getTime() / DAY,
    to: Math.min(i.end ? i.end.getTime() / DAY : asOfDay, asOfDay),
    open: !i.end || i.end > asOf
  })).filter((s) => s.to >= s.from);
  const days = [...new Set(spans.flatMap((s) => [s.from, s.to + 1]))].sort((a, b) => a - b);
  let peak = 0, peakDate: Date | null = null;
  const episodes: OverlapEpisode[] = [];
  let current: (OverlapEpisode & {ids: Set<number>}) | null = null;
  for (const d of days) {
    const active = spans.filter((s) => s.from <= d && s.to >= d);
    if (active.length > peak) { peak = active.length; peakDate = new Date(d * DAY); }
    if (active.length > max) {
      if (!current) {
        const startedBy = active.filter((s) => s.from === d).map((s) => s.id);
        current = {from: new Date(d * DAY), to: new Date(d * DAY), ongoing: false, peak: 0, startedBy, menteeIds: [], ids: new Set()};
      }
      current.peak = Math.max(current.peak, active.length);
      for (const s of active) current.ids.add(s.id);
      // The episode lasts until the day before the next change of the count.
      current.to = new Date(Math.min(...active.map((s) => s.to)) * DAY);
      current.ongoing = current.to.getTime() / DAY === asOfDay && active.some((s) => s.open);
    } else if (current) {
      episodes.push(finish(current, spans));
      current = null;
    }
  }
  if (current) episodes.push(finish(current, spans));
  return {n: counted.length, peak, peakDate, episodes};
}

function finish(e: OverlapEpisode & {ids: Set<number>}, spans: Array<{id: number; from: number}>): OverlapEpisode {
  const order = new Map(spans.map((s) => [s.id, s.from]));
  const menteeIds = [...e.ids].sort((a, b) => (order.get(a)! - order.get(b)!) || a - b);
  return {from: e.from, to: e.to, ongoing: e.ongoing, peak: e.peak, startedBy: e.startedBy, menteeIds};
}
