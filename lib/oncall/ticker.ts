import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { escalationPolicy, type EscalationPolicy } from "@/lib/oncall/escalation";
import { pageDueLevels, type PageResult } from "@/lib/oncall/paging";

export type TickOptions = {
  policy?: EscalationPolicy;
  /** most incidents handled per tick; the rest wait for the next tick (oldest first) */
  limit?: number;
  /** incidents paged in parallel within one tick (default 3; keep below the pool size) */
  concurrency?: number;
  /** restrict the tick to these incidents (tests sharing a database; a manual re-run for one incident) */
  scope?: string[];
  /** fault injection for tests: runs inside each incident's transaction after paging; a throw rolls that incident back */
  afterPage?: (incidentId: string, pages: PageResult[]) => void | Promise<void>;
};

export type TickResult = { candidates: number; paged: (PageResult & { incidentId: string })[]; skipped: number; failed: number };

/**
 * Ids of open, unacknowledged incidents whose highest due level has fewer
 * paged levels than due levels: one indexed query, whatever the number of
 * open incidents. Timestamps are `timestamp(3)` in UTC, so the injected clock
 * is passed as an ISO string cast to timestamp (no session time zone involved).
 */
export async function dueIncidentIds(now: Date, policy: EscalationPolicy, limit: number, scope?: string[]): Promise<string[]> {
  const [s2, s3, s4] = policy.stepsMs;
  if (scope && !scope.length) return [];
  // Inside a (read-only) transaction: on the embedded database a transaction holds the
  // socket, so this statement cannot interleave with a peer instance's statements.
  const rows = await db.$transaction((tx) => tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT i.id
       FROM "Incident" i
      WHERE i."acknowledgedAt" IS NULL
        AND i."resolvedAt" IS NULL
        AND i.status <> 'Resolved'
        AND i."declaredAt" <= $1::timestamp(3)
        ${scope ? `AND i.id = ANY($6::text[])` : ""}
        AND (SELECT count(DISTINCT p.level) FROM "EscalationPage" p WHERE p."incidentId" = i.id)
            < 1 + (i."declaredAt" + make_interval(secs => $2::double precision / 1000) <= $1::timestamp(3))::int
                + (i."declaredAt" + make_interval(secs => $3::double precision / 1000) <= $1::timestamp(3))::int
                + (i."declaredAt" + make_interval(secs => $4::double precision / 1000) <= $1::timestamp(3))::int
      ORDER BY i."declaredAt" ASC, i.id ASC
      LIMIT $5`,
    now.toISOString(),
    s2,
    s3,
    s4,
    limit,
    ...(scope ? [scope] : []),
  ));
  return rows.map((r) => r.id);
}

/**
 * One escalation tick: pages every due, not yet paged level of every open,
 * unacknowledged incident, each incident in its own transaction. Several
 * instances may tick at once: pageDueLevels locks the incident row with SKIP
 * LOCKED (another instance is on it) and inserts under a unique key, so each
 * level is paged exactly once; a transaction that dies leaves nothing and
 * the incident stays a candidate for the next tick.
 */
export async function tickEscalations(now: Date, opts: TickOptions = {}): Promise<TickResult> {
  const policy = opts.policy ?? escalationPolicy();
  const ids = await dueIncidentIds(now, policy, opts.limit ?? 500, opts.scope);
  const result: TickResult = { candidates: ids.length, paged: [], skipped: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const incidentId = ids[next++];
      await pageOne(incidentId);
    }
  };
  const pageOne = async (incidentId: string) => {
    try {
      const pages = await db.$transaction(async (tx) => {
        const done = await pageDueLevels(tx, incidentId, now, { policy, skipLocked: true });
        if (done && opts.afterPage) await opts.afterPage(incidentId, done);
        return done;
      }, { timeout: 30_000, maxWait: 30_000 }); // waits behind peers' audit lock under load
      if (pages === null) result.skipped++;
      else result.paged.push(...pages.map((p) => ({ ...p, incidentId })));
    } catch (err) {
      result.failed++;
      log.error({ err, incidentId }, "escalation paging failed; the next tick retries");
    }
  };
  // A few incidents at once: each transaction holds the shared audit lock only at its very end.
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 3, ids.length)) }, worker));
  if (result.paged.length) log.info({ pages: result.paged.length, candidates: ids.length }, "escalation tick paged");
  return result;
}
