import "server-only";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { refreshComponentStatuses } from "@/lib/status/refresh";

/**
 * Background job: windows start and end on their own. Recomputes every
 * component's cached status (cheap at this scale); idempotent, so several
 * instances may run it at once. `componentIds` narrows it (tests).
 */
export async function refreshMaintenanceStatuses(now: Date, componentIds?: string[]) {
  const changed = await db.$transaction((tx) => refreshComponentStatuses(tx, now, componentIds));
  if (changed.length) log.info({ changed }, "component statuses refreshed");
  return changed;
}
