import "server-only";
import { audit } from "@/lib/audit";
import { assertCan, rolesWith } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { SYSTEM_USER_EMAILS } from "@/lib/auth/system-actor";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertPrimaryCovered, primarySnapshot } from "@/lib/oncall/coverage";
import { createRotationSchema, updateRotationSchema } from "@/lib/oncall/schemas";
import { parseInput } from "@/lib/validation";
import { z } from "zod";

const rotationSelect = {
  id: true,
  name: true,
  role: true,
  shiftMinutes: true,
  handoffMinuteUtc: true,
  timeZone: true,
  anchorAt: true,
  members: { orderBy: { position: "asc" }, select: { position: true, user: { select: { id: true, name: true, email: true, role: true } } } },
} as const;

/** Members must be active engineers (viewers are never on call), each once. */
async function checkMembers(tx: Tx, memberIds: string[]) {
  if (new Set(memberIds).size !== memberIds.length) throw new ValidationError({ memberIds: "A person can be in a rotation only once" });
  const users = await tx.user.findMany({ where: { id: { in: memberIds }, active: true, role: { in: rolesWith("oncall.serve") }, email: { notIn: SYSTEM_USER_EMAILS } }, select: { id: true } });
  if (users.length !== memberIds.length) throw new ValidationError({ memberIds: "Every member must be an active engineer" });
}

async function nameTaken(tx: Tx, name: string, exceptId?: string) {
  const other = await tx.rotation.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (other) throw new ConflictError("A rotation with this name exists", { name: "A rotation with this name exists" });
}

export function toRotationDto(r: { id: string; name: string; role: string; shiftMinutes: number; handoffMinuteUtc: number; timeZone: string; anchorAt: Date; members: { position: number; user: { id: string; name: string; email: string; role: string } }[] }) {
  return { ...r, anchorAt: r.anchorAt.toISOString() };
}

/** ARCHITECT creates a rotation with ordered members. */
export async function createRotation({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "rotations.manage");
  const data = parseInput(createRotationSchema, input);
  return db.$transaction(async (tx) => {
    await nameTaken(tx, data.name);
    await checkMembers(tx, data.memberIds);
    const rotation = await tx.rotation.create({
      data: {
        name: data.name,
        role: data.role,
        shiftMinutes: data.shiftMinutes,
        handoffMinuteUtc: data.handoffMinuteUtc,
        timeZone: data.timeZone,
        anchorAt: data.anchorAt,
        members: { create: data.memberIds.map((userId, position) => ({ userId, position })) },
      },
      select: rotationSelect,
    });
    await audit(tx, { actor, action: "rotation.created", entity: "Rotation", entityId: rotation.id, data: { ...data } });
    return toRotationDto(rotation);
  });
}

/** ARCHITECT edits a rotation; `memberIds`, when given, replaces the members in that order. */
export async function updateRotation({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "rotations.manage");
  const raw = (input ?? {}) as Record<string, unknown>;
  const id = typeof raw.id === "string" ? raw.id : "";
  const { id: _drop, ...rest } = raw;
  void _drop;
  const data = parseInput(updateRotationSchema, rest);
  return db.$transaction(async (tx) => {
    const coverage = await primarySnapshot(tx, now);
    const before = await tx.rotation.findUnique({ where: { id }, select: rotationSelect });
    if (!before) throw new NotFoundError("Rotation");
    if (data.name) await nameTaken(tx, data.name, id);
    if (data.memberIds) {
      await checkMembers(tx, data.memberIds);
      await tx.rotationMember.deleteMany({ where: { rotationId: id } });
      await tx.rotationMember.createMany({ data: data.memberIds.map((userId, position) => ({ rotationId: id, userId, position })) });
    }
    const { memberIds, ...fields } = data;
    const rotation = await tx.rotation.update({ where: { id }, data: fields, select: rotationSelect });
    // a change that leaves the primary rotation with a new uncovered gap is refused (lib/oncall/coverage.ts)
    await assertPrimaryCovered(tx, coverage, now, memberIds ? "memberIds" : "primaryRotation");
    await audit(tx, {
      actor,
      action: "rotation.updated",
      entity: "Rotation",
      entityId: id,
      data: { changes: { ...fields, ...(memberIds ? { memberIds } : {}) }, before: { ...toRotationDto(before), members: before.members.map((m) => m.user.id) } },
    });
    return toRotationDto(rotation);
  });
}

export async function listRotations() {
  const rows = await db.rotation.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: rotationSelect });
  return rows.map(toRotationDto);
}

export async function getRotation(id: string) {
  const row = await db.rotation.findUnique({ where: { id }, select: rotationSelect });
  if (!row) throw new NotFoundError("Rotation");
  return toRotationDto(row);
}

/**
 * ARCHITECT deletes a rotation with its members, overrides and swaps (audited
 * with what it held). Refused (422, lib/oncall/coverage.ts) when it is the
 * primary rotation and no other rotation of that role takes over without new
 * gaps, so level 1 always pages someone. Its calendar feeds are revoked.
 */
export async function deleteRotation({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "rotations.delete");
  const { id } = parseInput(z.object({ id: z.string().trim().min(1, "Rotation id is required").max(64) }), input);
  return db.$transaction(async (tx) => {
    const coverage = await primarySnapshot(tx, now);
    const rotation = await tx.rotation.findUnique({ where: { id }, select: { ...rotationSelect, _count: { select: { overrides: true, swaps: true } } } });
    if (!rotation) throw new NotFoundError("Rotation");
    await tx.rotation.delete({ where: { id } });
    await assertPrimaryCovered(tx, coverage, now, "id");
    const feeds = await tx.calendarToken.updateMany({ where: { rotationId: id, revokedAt: null }, data: { revokedAt: now } });
    const { _count, ...dto } = rotation;
    await audit(tx, {
      actor,
      action: "rotation.deleted",
      entity: "Rotation",
      entityId: id,
      data: { ...toRotationDto(dto), members: dto.members.map((m) => m.user.id), overrides: _count.overrides, swaps: _count.swaps, calendarFeedsRevoked: feeds.count },
    });
    return { id };
  });
}
