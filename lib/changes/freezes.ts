import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { createFreezeSchema } from "@/lib/changes/schemas";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";

const freezeDto = (f: { id: string; name: string; reason: string; start: Date; end: Date; componentGroup: string | null }) => ({
  id: f.id,
  name: f.name,
  reason: f.reason,
  start: f.start.toISOString(),
  end: f.end.toISOString(),
  componentGroup: f.componentGroup,
});

/** ARCHITECT defines a freeze period; audited. */
export async function createFreeze({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "freezes.manage");
  const v = parseInput(createFreezeSchema, input);
  return db.$transaction(async (tx) => {
    const f = await tx.freezePeriod.create({ data: { name: v.name, reason: v.reason, start: v.start, end: v.end, componentGroup: v.componentGroup ?? null, createdById: actor.id, createdAt: now } });
    await audit(tx, { actor, action: "freeze.created", entity: "FreezePeriod", entityId: f.id, at: now, data: freezeDto(f) });
    return freezeDto(f);
  });
}

/** Freeze periods that have not ended at `now` (the calendar and the change form read these), earliest first. */
export async function listFreezes(now = new Date()) {
  const rows = await db.freezePeriod.findMany({ where: { end: { gt: now } }, orderBy: { start: "asc" }, take: 500 });
  return rows.map(freezeDto);
}
