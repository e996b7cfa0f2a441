import "server-only";
import { db } from "@/lib/db/client";

/** Alerts a maintenance window suppressed ("suppressed by MW-n"): newest first, for the window's and its changes' pages. */
export async function listSuppressedAlerts(windowIds: string[], take = 50) {
  if (!windowIds.length) return [];
  const rows = await db.alert.findMany({
    where: { suppressedByWindowId: { in: windowIds } },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, fingerprint: true, status: true, startsAt: true, endsAt: true, summary: true, generatorURL: true, integration: { select: { name: true } }, suppressedByWindow: { select: { id: true, number: true } } },
  });
  return rows.map((r) => ({ ...r, integration: r.integration.name, window: r.suppressedByWindow }));
}
