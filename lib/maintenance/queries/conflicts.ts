import "server-only";
import type { Tx } from "@/lib/db/client";
import type { ConflictDto, WindowRow } from "@/lib/maintenance/queries/dto";
import { conflicts } from "@/lib/maintenance/window";

type ConflictCandidate = { id: string; number: number; title: string; windowStart: Date; windowEnd: Date; componentIds: string[] };

/** Candidate windows that may conflict with any of `rows`: overlapping their overall span and sharing a component. */
export async function conflictCandidates(client: Tx, rows: Pick<WindowRow, "windowStart" | "windowEnd" | "components">[]): Promise<ConflictCandidate[]> {
  if (!rows.length) return [];
  const componentIds = [...new Set(rows.flatMap((r) => r.components.map((c) => c.component.id)))];
  if (!componentIds.length) return [];
  const from = new Date(Math.min(...rows.map((r) => r.windowStart.getTime())));
  const to = new Date(Math.max(...rows.map((r) => r.windowEnd.getTime())));
  const found = await client.maintenanceWindow.findMany({
    // a cancelled window no longer occupies its slot
    where: { windowStart: { lt: to }, windowEnd: { gt: from }, cancelledAt: null, components: { some: { componentId: { in: componentIds } } } },
    select: { id: true, number: true, title: true, windowStart: true, windowEnd: true, components: { select: { componentId: true } } },
    orderBy: [{ windowStart: "asc" }, { id: "asc" }],
  });
  return found.map(({ components, ...w }) => ({ ...w, componentIds: components.map((c) => c.componentId) }));
}

export function conflictsOf(row: WindowRow, candidates: ConflictCandidate[]): ConflictDto[] {
  const me = { id: row.id, windowStart: row.windowStart, windowEnd: row.windowEnd, componentIds: row.components.map((c) => c.component.id) };
  return conflicts(me, candidates).map(({ window: w, sharedComponentIds }) => ({
    id: w.id,
    number: w.number,
    title: w.title,
    windowStart: w.windowStart.toISOString(),
    windowEnd: w.windowEnd.toISOString(),
    sharedComponentIds,
  }));
}
