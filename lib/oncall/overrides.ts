import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { assertCan, can, rolesWith } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertPrimaryCovered, primarySnapshot } from "@/lib/oncall/coverage";
import { createOverrideSchema, listOverridesQuerySchema } from "@/lib/oncall/schemas";
import { parseInput } from "@/lib/validation";

const overrideSelect = {
  id: true,
  rotationId: true,
  userId: true,
  user: { select: { id: true, name: true } },
  startsAt: true,
  endsAt: true,
  reason: true,
  createdById: true,
} as const;

type OverrideRow = { id: string; rotationId: string; userId: string; user: { id: string; name: string }; startsAt: Date; endsAt: Date; reason: string; createdById: string };

export function toOverrideDto(o: OverrideRow) {
  return { ...o, startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() };
}

/**
 * A person covers a rotation for [startsAt, endsAt). Any engineer for
 * themselves, ARCHITECT for anyone. Overlapping overrides on one rotation are
 * refused; the rotation row is locked so two concurrent requests cannot both
 * pass the overlap check.
 */
export async function createOverride({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "overrides.create");
  const data = parseInput(createOverrideSchema, input);
  const userId = data.userId ?? actor.id;
  if (userId !== actor.id && !can(actor.role, "overrides.manage_others")) throw new ForbiddenError("Only an Infrastructure Architect may create an override for someone else");
  if (data.endsAt.getTime() <= now.getTime()) throw new ValidationError({ endsAt: "The override would end in the past" });
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Rotation" WHERE id = ${data.rotationId} FOR UPDATE`;
    if (!locked.length) throw new NotFoundError("Rotation");
    const user = await tx.user.findFirst({ where: { id: userId, active: true, role: { in: rolesWith("oncall.serve") } }, select: { id: true } });
    if (!user) throw new ValidationError({ userId: "Pick an active engineer" });
    const clash = await tx.rotationOverride.findFirst({
      where: { rotationId: data.rotationId, startsAt: { lt: data.endsAt }, endsAt: { gt: data.startsAt } },
      select: { startsAt: true, endsAt: true, user: { select: { name: true } } },
    });
    if (clash)
      throw new ConflictError(`This overlaps ${clash.user.name}'s override (${clash.startsAt.toISOString()} – ${clash.endsAt.toISOString()})`, {
        startsAt: "Overlaps another override on this rotation",
      });
    const override = await tx.rotationOverride.create({
      data: { rotationId: data.rotationId, userId, startsAt: data.startsAt, endsAt: data.endsAt, reason: data.reason, createdById: actor.id },
      select: overrideSelect,
    });
    await audit(tx, { actor, action: "override.created", entity: "RotationOverride", entityId: override.id, data: { ...data, userId } });
    return toOverrideDto(override);
  });
}

/** The covering person, its creator or ARCHITECT removes an override; refused when it covers a gap of the primary rotation. */
export async function deleteOverride({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "overrides.delete");
  const { id } = parseInput(z.object({ id: z.string().min(1, "Override id is required") }), input);
  return db.$transaction(async (tx) => {
    const coverage = await primarySnapshot(tx, now);
    const override = await tx.rotationOverride.findUnique({ where: { id }, select: overrideSelect });
    if (!override) throw new NotFoundError("Override");
    if (!can(actor.role, "overrides.manage_others") && override.userId !== actor.id && override.createdById !== actor.id)
      throw new ForbiddenError("Only the covering person or an Infrastructure Architect may remove this override");
    await tx.rotationOverride.delete({ where: { id } });
    await assertPrimaryCovered(tx, coverage, now, "id");
    await audit(tx, { actor, action: "override.deleted", entity: "RotationOverride", entityId: id, data: toOverrideDto(override) });
    return { id };
  });
}

/** Overrides ending after `from` (default now), oldest first, paginated by id cursor. */
export async function listOverrides(query: unknown, page: { limit: number; cursor?: string }, now = new Date()) {
  const q = parseInput(listOverridesQuerySchema, query);
  const rows = await db.rotationOverride.findMany({
    where: {
      ...(q.rotationId ? { rotationId: q.rotationId } : {}),
      endsAt: { gt: q.from ?? now },
      ...(q.to ? { startsAt: { lt: q.to } } : {}),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    select: overrideSelect,
  });
  return rows.map(toOverrideDto);
}
