import "server-only";
/**
 * A short-lived cache of KPI reports per (period, filters), shared by the
 * page, the API, the CSV and /metrics, so a dashboard reloaded by a whole team
 * (or a 15 s Prometheus scrape) costs one report, not one per request.
 *
 * Invalidation: every command that changes what a KPI reads (incidents and
 * their updates, changes, maintenance windows, components, costs) writes an
 * audit row in the same transaction, and audit ids only grow (one writer at a
 * time, lib/audit.ts). The cache key therefore includes the newest audit id,
 * read with one index lookup per request: a committed write is seen by the
 * next request on every instance. What a cached report can miss is only time
 * passing: a preset period ("last 30 days") or an open incident moves on with
 * `now`, so an entry lives at most KPI_CACHE_TTL_MS. Concurrent identical
 * requests share one computation.
 */
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { KpiQuery } from "@/lib/kpis/schemas";

export const KPI_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 200;

type Entry = { version: string; at: number; report: Promise<unknown> };
const g = globalThis as unknown as { __opsgateKpiCache?: Map<string, Entry> };
const cache = () => (g.__opsgateKpiCache ??= new Map());

/** The newest audit id: changes whenever data behind a KPI may have changed. */
async function dataVersion(): Promise<string> {
  const [r] = await db.$queryRaw<{ v: bigint | null }[]>`SELECT max(id) AS v FROM "AuditLog"`;
  return String(r?.v ?? 0);
}

type Q = Pick<KpiQuery, "from" | "to" | "period" | "componentId" | "group" | "severity">;

/** `compute(q, now)` (computeKpis in report.ts) unless a fresh report for the same query and data is cached. */
export async function cachedKpis<R>(q: Q, now: Date, compute: (q: Q, now: Date) => Promise<R>): Promise<R> {
  const key = JSON.stringify([q.from?.toISOString() ?? null, q.to?.toISOString() ?? null, q.from ? null : (q.period ?? "30d"), q.componentId ?? null, q.group ?? null, q.severity ?? null, getEnv().OPSGATE_KPI_PARTIAL_WEIGHT]);
  const version = await dataVersion();
  const map = cache();
  const hit = map.get(key);
  const age = hit ? now.getTime() - hit.at : -1;
  if (hit && hit.version === version && age >= 0 && age < KPI_CACHE_TTL_MS) return hit.report as Promise<R>;
  const report = compute(q, now);
  map.delete(key);
  map.set(key, { version, at: now.getTime(), report });
  report.catch(() => {
    if (map.get(key)?.report === report) map.delete(key);
  });
  // Bounded: the oldest entries go first (a Map iterates in insertion order).
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  return report;
}

/** Forgets every cached report (tests that write rows without a command). */
export function resetKpiCache() {
  cache().clear();
}
