import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { conflictCandidates, conflictsOf } from "@/lib/maintenance/queries/conflicts";
import { toMaintenanceDto, windowSelect, type MaintenanceDto } from "@/lib/maintenance/queries/dto";
import type { MaintenanceFilter } from "@/lib/maintenance/schemas";

/** One window with its conflicts; usable inside a transaction (pass `tx`). */
export async function getMaintenance(id: string, now: Date = new Date(), client: Tx = db): Promise<MaintenanceDto> {
  const row = await client.maintenanceWindow.findUnique({ where: { id }, select: windowSelect });
  if (!row) throw new NotFoundError("Maintenance window");
  return toMaintenanceDto(row, now, conflictsOf(row, await conflictCandidates(client, [row])));
}

/** Where-clause and order for the list filters: upcoming and active soonest first, past most recent first. */
function listShape(phase: MaintenanceFilter | undefined, now: Date) {
  const asc: Prisma.MaintenanceWindowOrderByWithRelationInput[] = [{ windowStart: "asc" }, { id: "asc" }];
  const desc: Prisma.MaintenanceWindowOrderByWithRelationInput[] = [{ windowStart: "desc" }, { id: "desc" }];
  switch (phase) {
    case "upcoming":
      return { where: { windowStart: { gt: now }, cancelledAt: null }, orderBy: asc };
    case "active":
      return { where: { windowStart: { lte: now }, windowEnd: { gt: now }, cancelledAt: null }, orderBy: asc };
    case "past":
      return { where: { OR: [{ windowEnd: { lte: now } }, { cancelledAt: { not: null } }] }, orderBy: desc };
    default:
      return { where: {}, orderBy: desc };
  }
}

export async function listMaintenance(opts: { phase?: MaintenanceFilter; component?: string; limit: number; cursor?: string }, now: Date = new Date()) {
  const shape = listShape(opts.phase, now);
  const where: Prisma.MaintenanceWindowWhereInput = { ...shape.where, ...(opts.component ? { components: { some: { componentId: opts.component } } } : {}) };
  const rows = await db.maintenanceWindow.findMany({
    where,
    orderBy: shape.orderBy,
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: windowSelect,
  });
  const page = rows.slice(0, opts.limit);
  const candidates = await conflictCandidates(db, page);
  return {
    data: page.map((r) => toMaintenanceDto(r, now, conflictsOf(r, candidates))),
    nextCursor: rows.length > opts.limit ? page[page.length - 1].id : null,
  };
}
