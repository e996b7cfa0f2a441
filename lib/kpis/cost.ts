/**
 * Cost efficiency (pure): year-over-year change of the monthly cost per
 * component group. The months are those starting within the period; each is
 * compared with the same month a year earlier, and only months with an entry
 * in both years count (a missing month is "no data", not a 100 % saving).
 */
import type { Period } from "@/lib/kpis/period";

export type CostRow = { group: string; month: Date; amountCents: number };
export type CostGroup = { group: string; currentCents: number; previousCents: number; months: number; yoyPercent: number | null };
export type CostEfficiency = { groups: CostGroup[]; currentCents: number; previousCents: number; yoyPercent: number | null };

const monthKey = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();

/** First days of the months that start within [from, to). */
export function periodMonths(p: Period): number[] {
  const out: number[] = [];
  const first = new Date(Date.UTC(p.from.getUTCFullYear(), p.from.getUTCMonth(), 1));
  let k = monthKey(first) + (first.getTime() < p.from.getTime() ? 1 : 0);
  for (; ; k++) {
    const start = Date.UTC(Math.floor(k / 12), k % 12, 1);
    if (start >= p.to.getTime()) break;
    out.push(k);
  }
  return out;
}

const yoy = (cur: number, prev: number) => (prev > 0 ? (100 * (cur - prev)) / prev : null);

export function costEfficiency(input: { rows: CostRow[]; period: Period }): CostEfficiency {
  const months = periodMonths(input.period);
  const byKey = new Map<string, number>();
  const groups = new Set<string>();
  for (const r of input.rows) {
    byKey.set(`${r.group}|${monthKey(r.month)}`, (byKey.get(`${r.group}|${monthKey(r.month)}`) ?? 0) + r.amountCents);
    groups.add(r.group);
  }
  const result = [...groups].sort().map((group): CostGroup => {
    let cur = 0;
    let prev = 0;
    let n = 0;
    for (const k of months) {
      const c = byKey.get(`${group}|${k}`);
      const p = byKey.get(`${group}|${k - 12}`);
      if (c === undefined || p === undefined) continue;
      cur += c;
      prev += p;
      n++;
    }
    return { group, currentCents: cur, previousCents: prev, months: n, yoyPercent: n ? yoy(cur, prev) : null };
  });
  const currentCents = result.reduce((s, g) => s + g.currentCents, 0);
  const previousCents = result.reduce((s, g) => s + g.previousCents, 0);
  return { groups: result, currentCents, previousCents, yoyPercent: yoy(currentCents, previousCents) };
}
