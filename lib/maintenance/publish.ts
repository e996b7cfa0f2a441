import "server-only";
import type { Tx } from "@/lib/db/client";
import type { NoticeKind } from "@/lib/maintenance/window";

export type PublicMaintenanceNotice = {
  windowId: string;
  number: number;
  title: string;
  kind: NoticeKind;
  /** the rendered Maintenance Notification block */
  text: string;
  windowStart: Date;
  windowEnd: Date;
  /** only the public components' ids (the status page never shows private ones) */
  publicComponentIds: string[];
};

/**
 * Extension point for status-page subscribers (issue: status page). Called by
 * notifyMaintenance inside its transaction each time a notice is actually
 * sent (never on an idempotent repeat). Enqueue subscriber messages here with
 * `enqueue(tx, …)` and a dedupe key derived from `windowId` + `kind` + the
 * window's version. Returns how many messages were enqueued.
 */
export async function publishMaintenanceNotice(tx: Tx, notice: PublicMaintenanceNotice, now: Date): Promise<number> {
  void tx;
  void notice;
  void now;
  return 0;
}
