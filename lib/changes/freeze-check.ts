import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { freezeDecision, overlappingFreezes, type FreezeDecision } from "@/lib/changes/freeze-periods";
import { freezesOverlapping, type ChangeForRules } from "@/lib/changes/load";

/**
 * Approving, scheduling or starting: the freeze periods the change's planned
 * interval overlaps (global or its component's group), decided by kind
 * (freeze-periods.ts). A change without a planned interval overlaps nothing.
 */
export async function periodFreezeDecision(client: Tx | Db, change: Pick<ChangeForRules, "kind" | "plannedStart" | "plannedEnd" | "component">, overrideReason: string | undefined): Promise<FreezeDecision> {
  if (!change.plannedStart || !change.plannedEnd) return { ok: true, overridden: [] };
  const rows = await freezesOverlapping(client, change.plannedStart, change.plannedEnd);
  const hits = overlappingFreezes(rows, { start: change.plannedStart, end: change.plannedEnd }, change.component.group);
  return freezeDecision(change.kind, hits, overrideReason);
}
