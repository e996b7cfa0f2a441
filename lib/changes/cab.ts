import "server-only";
import type { Actor } from "@/lib/auth/session";
import type { CabRow } from "@/lib/changes/cab-agenda";
import { changeConflicts } from "@/lib/changes/change-conflicts";
import { overlappingFreezes } from "@/lib/changes/freeze-periods";
import { approvalGate } from "@/lib/changes/gates";
import { changeForRulesSelect, freezesOverlapping, gateInput } from "@/lib/changes/load";
import { listWhere } from "@/lib/changes/queries";
import { listChangesSchema } from "@/lib/changes/schemas";
import { db } from "@/lib/db/client";

/**
 * The approver's (CAB) queue: Submitted changes awaiting my decision (not
 * Standard: those need none), ordered by planned start, each with its gate
 * state, risk, conflicts and the freezes its planned interval overlaps.
 */
export async function listCabQueue(actor: Pick<Actor, "id" | "role">) {
  const where = listWhere(actor, listChangesSchema.parse({ needsMyApproval: true }));
  const rows = await db.changeRequest.findMany({
    where: { AND: [where, { kind: { not: "Standard" } }] },
    orderBy: [{ plannedStart: { sort: "asc", nulls: "last" } }, { number: "asc" }],
    take: 100,
    select: changeForRulesSelect,
  });
  return Promise.all(
    rows.map(async (c) => {
      const gate = approvalGate(gateInput(c));
      const conflicts = await changeConflicts(db, c);
      const freezes =
        c.plannedStart && c.plannedEnd ? overlappingFreezes(await freezesOverlapping(db, c.plannedStart, c.plannedEnd), { start: c.plannedStart, end: c.plannedEnd }, c.component.group) : [];
      return {
        id: c.id,
        number: c.number,
        description: c.description,
        component: c.component.name,
        kind: c.kind,
        riskLevel: c.riskLevel,
        structural: c.structural,
        plannedStart: c.plannedStart?.toISOString() ?? null,
        plannedEnd: c.plannedEnd?.toISOString() ?? null,
        requester: c.requester.name,
        gate: { done: gate.filter((i) => i.done).length, total: gate.length, missing: gate.filter((i) => !i.done).map((i) => i.label) },
        conflicts: conflicts.map((x) => `${x.label} (${x.reason})`),
        freezes: freezes.map((f) => f.name),
      } satisfies CabRow & { id: string };
    }),
  );
}
export type CabQueueItem = Awaited<ReturnType<typeof listCabQueue>>[number];
