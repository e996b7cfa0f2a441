import "server-only";
import { audit, type AuditEntry } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { loadEscalationPolicy } from "@/lib/oncall/escalation-policy";
import { policyTable, type EscalationPolicy } from "@/lib/oncall/policy";
import { pageDueLevels, type PageResult } from "@/lib/oncall/paging";

export type TickOptions = {
  policy?: EscalationPolicy;
  /** most incidents handled per tick; the rest wait for the next tick (oldest first) */
  limit?: number;
  /** transactions paging in parallel within one tick (default 3; keep below the pool size) */
  concurrency?: number;
  /** incidents paged in one transaction (default 20): the audit chain's lock is then taken once per batch, not once per incident */
  batchSize?: number;
  /** restrict the tick to these incidents (tests sharing a database; a manual re-run for one incident) */
  scope?: string[];
  /** fault injection for tests: runs inside each incident's transaction after paging; a throw rolls that incident back */
  afterPage?: (incidentId: string, pages: PageResult[]) => void | Promise<void>;
};

export type TickResult = { candidates: number; paged: (PageResult & { incidentId: string })[]; skipped: number; failed: number };

/**
 * The policy as SQL: `lad` holds every (variant, severity, level, offset) of
 * `policyTable` (selectLadder + ladderLevels in rows); `variant` picks the
 * incident's ladder as selectLadder does: the first group override with a
 * component of the incident in its group, else "default" (whose rows already
 * carry the per-severity overrides).
 */
function policySql(first: number) {
  const p = (n: number) => `$${first + n}`;
  return {
    ctes: `lad AS (SELECT * FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::int[], ${p(3)}::double precision[]) AS l(variant, severity, level, offset_ms)),
           grp AS (SELECT * FROM unnest(${p(4)}::text[], ${p(5)}::text[]) WITH ORDINALITY AS g(grp, variant, ord))`,
    variant: `COALESCE((SELECT g.variant FROM grp g
                          WHERE EXISTS (SELECT 1 FROM "IncidentComponent" ic JOIN "Component" c ON c.id = ic."componentId"
                                         WHERE ic."incidentId" = i.id AND c."group" = g.grp)
                          ORDER BY g.ord LIMIT 1), 'default')`,
  };
}

function policyParams(policy: EscalationPolicy) {
  const t = policyTable(policy);
  return [t.variants, t.severities, t.levels, t.offsetsMs, t.groups, t.groupVariants];
}

/**
 * Ids of open, unacknowledged incidents with a due level (threshold at or
 * before `now`, as `resolvePolicy` counts it) that has no page yet: one
 * indexed query, whatever the number of open incidents. The same rule as
 * `escalationState(...).due` minus the paged levels; a property test holds
 * the two together. Timestamps are `timestamp(3)` in UTC, so the injected
 * clock is passed as an ISO string cast to timestamp (no session time zone).
 */
export async function dueIncidentIds(now: Date, policy: EscalationPolicy, limit: number, scope?: string[]): Promise<string[]> {
  if (scope && !scope.length) return [];
  const sql = policySql(3);
  // Inside a (read-only) transaction: on the embedded database a transaction holds the
  // socket, so this statement cannot interleave with a peer instance's statements.
  const rows = await db.$transaction((tx) => tx.$queryRawUnsafe<{ id: string }[]>(
    `WITH ${sql.ctes}
     SELECT i.id
       FROM "Incident" i
      WHERE i."acknowledgedAt" IS NULL
        AND i."resolvedAt" IS NULL
        AND i.status <> 'Resolved'
        AND i."declaredAt" <= $1::timestamp(3)
        ${scope ? `AND i.id = ANY($9::text[])` : ""}
        AND EXISTS (
          SELECT 1 FROM lad l
           WHERE l.variant = ${sql.variant}
             AND l.severity = i.severity::text
             AND i."declaredAt" + make_interval(secs => l.offset_ms / 1000) <= $1::timestamp(3)
             AND NOT EXISTS (SELECT 1 FROM "EscalationPage" p WHERE p."incidentId" = i.id AND p.level = l.level))
      ORDER BY i."declaredAt" ASC, i.id ASC
      LIMIT $2`,
    now.toISOString(),
    limit,
    ...policyParams(policy),
    ...(scope ? [scope] : []),
  ));
  return rows.map((r) => r.id);
}

/**
 * The earliest threshold of a not yet paged level of any open, unacknowledged
 * incident (may be in the past when a tick left work), or null: the job
 * runner wakes then instead of waiting for the next fixed tick.
 */
export async function nextEscalationDueAt(_now: Date, policy?: EscalationPolicy): Promise<Date | null> {
  const sql = policySql(1);
  const params = policyParams(policy ?? (await loadEscalationPolicy()));
  const rows = await db.$transaction((tx) => tx.$queryRawUnsafe<{ due: number | null }[]>(
    `WITH ${sql.ctes}
     SELECT (extract(epoch FROM min(i."declaredAt" + make_interval(secs => l.offset_ms / 1000))) * 1000)::double precision AS due
       FROM "Incident" i
       JOIN lad l ON l.variant = ${sql.variant} AND l.severity = i.severity::text
      WHERE i."acknowledgedAt" IS NULL
        AND i."resolvedAt" IS NULL
        AND i.status <> 'Resolved'
        AND NOT EXISTS (SELECT 1 FROM "EscalationPage" p WHERE p."incidentId" = i.id AND p.level = l.level)`,
    ...params,
  ));
  const due = rows[0]?.due;
  return due === null || due === undefined ? null : new Date(Math.round(Number(due)));
}

/**
 * One escalation tick: pages every due, not yet paged level of every open,
 * unacknowledged incident. Several instances may tick at once: pageDueLevels
 * locks each incident row with SKIP LOCKED (another instance is on it) and
 * inserts under a unique key, so each level is paged exactly once.
 * Incidents are paged in batches, one transaction per batch, with the batch's
 * audit rows written last: every audit write waits its turn for the chain's
 * global lock, and under an alert storm that queue, not the paging, was the
 * level-2 latency (one wait per batch instead of one per incident). A batch
 * that fails is retried one incident per transaction, so one bad incident
 * never holds back the others; a transaction that dies leaves nothing and the
 * incident stays a candidate for the next tick.
 */
export async function tickEscalations(now: Date, opts: TickOptions = {}): Promise<TickResult> {
  const policy = opts.policy ?? (await loadEscalationPolicy());
  const ids = await dueIncidentIds(now, policy, opts.limit ?? 500, opts.scope);
  const result: TickResult = { candidates: ids.length, paged: [], skipped: 0, failed: 0 };
  const size = Math.max(1, opts.batchSize ?? 20);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));

  const pageBatch = (batch: string[]) =>
    db.$transaction(
      async (tx) => {
        const audits: AuditEntry[] = [];
        const done: { incidentId: string; pages: PageResult[] | null }[] = [];
        for (const incidentId of batch) {
          const pages = await pageDueLevels(tx, incidentId, now, { policy, skipLocked: true, audits });
          if (pages && opts.afterPage) await opts.afterPage(incidentId, pages);
          done.push({ incidentId, pages });
        }
        for (const entry of audits) await audit(tx, entry);
        return done;
      },
      { timeout: 30_000, maxWait: 30_000 }, // waits behind peers' audit lock under load
    );
  const record = (done: { incidentId: string; pages: PageResult[] | null }[]) => {
    for (const { incidentId, pages } of done) {
      if (pages === null) result.skipped++;
      else result.paged.push(...pages.map((p) => ({ ...p, incidentId })));
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      try {
        record(await pageBatch(batch));
      } catch (err) {
        if (batch.length === 1) {
          result.failed++;
          log.error({ err, incidentId: batch[0] }, "escalation paging failed; the next tick retries");
          continue;
        }
        // one incident at a time, so only the failing one waits for the next tick
        for (const incidentId of batch) {
          try {
            record(await pageBatch([incidentId]));
          } catch (e) {
            result.failed++;
            log.error({ err: e, incidentId }, "escalation paging failed; the next tick retries");
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 3, batches.length)) }, worker));
  if (result.paged.length) log.info({ pages: result.paged.length, candidates: ids.length }, "escalation tick paged");
  return result;
}
