import "server-only";
import type { Tx } from "@/lib/db/client";
import { deriveComponentStatus, SEVERITY_STATUS, statusesBelow, type ComponentStatusValue, type SeverityValue } from "@/lib/status/derive-status";
import { notifyComponentChanges } from "@/lib/status/subscribers/notify-component-changes";

/**
 * Recomputes the cached Component.status from open incidents and active
 * maintenance windows (all components, or the given ones) inside the
 * caller's transaction. Returns the components whose status changed.
 * Call it after any incident or maintenance mutation, and from a periodic
 * job so windows start and end on their own. Every change is sent to the
 * status page's webhook subscribers (Statuspage `component_update`).
 */
export async function refreshComponentStatuses(tx: Tx, now: Date, componentIds?: string[]) {
  const where = componentIds ? { id: { in: componentIds } } : {};
  const components = await tx.component.findMany({
    where,
    select: {
      id: true,
      status: true,
      incidents: {
        where: { incident: { status: { not: "Resolved" } } },
        select: {
          incident: {
            select: {
              severity: true,
              updates: { where: { componentStatus: { not: null } }, orderBy: { createdAt: "desc" }, take: 1, select: { componentStatus: true } },
            },
          },
        },
      },
      maintenance: { where: { window: { windowStart: { lte: now }, windowEnd: { gt: now }, cancelledAt: null } }, select: { windowId: true }, take: 1 },
    },
  });
  const changed: { id: string; from: ComponentStatusValue; to: ComponentStatusValue }[] = [];
  for (const c of components) {
    const next = deriveComponentStatus({
      openIncidents: c.incidents.map(({ incident }) => ({
        severity: incident.severity as SeverityValue,
        override: (incident.updates[0]?.componentStatus as ComponentStatusValue | undefined) ?? null,
      })),
      inMaintenance: c.maintenance.length > 0,
    });
    if (next !== c.status) {
      await tx.component.update({ where: { id: c.id }, data: { status: next } });
      changed.push({ id: c.id, from: c.status as ComponentStatusValue, to: next });
    }
  }
  await notifyComponentChanges(tx, changed, now);
  return changed;
}

/**
 * A declaration's component update (same result as refreshComponentStatuses
 * for a new incident, see statusesBelow): one UPDATE that touches only rows
 * that get worse, instead of recomputing each component over all its open
 * incidents, which grows with an alert storm and row-locks every component.
 */
export async function raiseComponentStatuses(tx: Tx, componentIds: string[], severity: SeverityValue, now: Date = new Date()) {
  const below = statusesBelow(severity);
  if (!componentIds.length || !below.length) return 0;
  // Which rows get worse, and from what: the status subscribers' component_update (a plain read, no row lock).
  const raised = await tx.component.findMany({ where: { id: { in: componentIds }, status: { in: below } }, select: { id: true, status: true } });
  const { count } = await tx.component.updateMany({ where: { id: { in: componentIds }, status: { in: below } }, data: { status: SEVERITY_STATUS[severity] } });
  await notifyComponentChanges(
    tx,
    raised.map((c) => ({ id: c.id, from: c.status as ComponentStatusValue, to: SEVERITY_STATUS[severity] })),
    now,
  );
  return count;
}
