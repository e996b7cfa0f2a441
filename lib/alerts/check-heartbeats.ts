import "server-only";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { ingestAlerts } from "./ingest-alerts";
import { heartbeatDelivery } from "./payloads";

/** When a heartbeat counts as missed: no ping (or, never pinged, no creation) within its interval. Pure. */
export function heartbeatMissedSince(hb: { lastPingAt: Date | null; createdAt: Date; heartbeatIntervalSec: number | null }, now: Date): Date | null {
  if (!hb.heartbeatIntervalSec) return null;
  const due = (hb.lastPingAt ?? hb.createdAt).getTime() + hb.heartbeatIntervalSec * 1000;
  return now.getTime() >= due ? new Date(due) : null;
}

/**
 * The dead man's switch job: every active heartbeat integration whose
 * interval passed without a ping and that has no open incident opens
 * "Heartbeat missed: <name>" through the alert path (grouped, so a second
 * instance or run opens nothing new).
 */
export async function checkHeartbeats(now: Date, opts: { scope?: string[] } = {}) {
  const rows = await db.integration.findMany({
    where: { kind: "heartbeat", revokedAt: null, ...(opts.scope ? { id: { in: opts.scope } } : {}), alerts: { none: { status: "firing", incident: { resolvedAt: null } } } },
    select: { id: true, name: true, kind: true, defaultComponentIds: true, severityMap: true, autoResolve: true, heartbeatIntervalSec: true, createdById: true, lastPingAt: true, createdAt: true },
  });
  let opened = 0;
  for (const row of rows) {
    const since = heartbeatMissedSince(row, now);
    if (!since) continue;
    try {
      const integration = { ...row, severityMap: (row.severityMap ?? {}) as Record<string, string> };
      const res = await ingestAlerts({ integration, delivery: heartbeatDelivery(row.name, "firing", since, now), now });
      if (res.opened) opened++;
    } catch (err) {
      log.error({ err, integrationId: row.id }, "heartbeat check failed; the next run retries");
    }
  }
  return { opened };
}
