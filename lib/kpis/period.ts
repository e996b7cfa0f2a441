/**
 * Periods and weekly buckets for the KPIs (pure, UTC). A period is half-open
 * [from, to); the previous period is the one of the same length just before.
 */
import { millisecondsInDay } from "date-fns/constants";
export const DAY_MS = millisecondsInDay;
export const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05 was a Monday: weeks start on Monday 00:00 UTC (ISO weeks). */
const MONDAY_OFFSET = 4 * DAY_MS;

export type Period = { from: Date; to: Date };

export const PERIOD_PRESETS = ["7d", "30d", "90d", "quarter"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export function previousPeriod(p: Period): Period {
  const len = p.to.getTime() - p.from.getTime();
  return { from: new Date(p.from.getTime() - len), to: new Date(p.from) };
}

/** The last N days up to `now`, or the current calendar quarter so far. */
export function presetPeriod(preset: PeriodPreset, now: Date): Period {
  if (preset === "quarter") {
    const q = Math.floor(now.getUTCMonth() / 3) * 3;
    return { from: new Date(Date.UTC(now.getUTCFullYear(), q, 1)), to: now };
  }
  const days = Number(preset.slice(0, -1));
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

export function weekStart(ms: number): number {
  return Math.floor((ms - MONDAY_OFFSET) / WEEK_MS) * WEEK_MS + MONDAY_OFFSET;
}

/** The weeks overlapping the period, each clipped to it (the first and last may be partial). */
export function weekBuckets(p: Period): Period[] {
  const out: Period[] = [];
  const end = p.to.getTime();
  for (let w = weekStart(p.from.getTime()); w < end; w += WEEK_MS) {
    out.push({ from: new Date(Math.max(w, p.from.getTime())), to: new Date(Math.min(w + WEEK_MS, end)) });
  }
  return out;
}

/** The period's end, never after now (figures never count the future). */
export function observedEnd(p: Period, now: Date): number {
  return Math.min(p.to.getTime(), now.getTime());
}
