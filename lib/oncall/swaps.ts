import "server-only";
import { audit } from "@/lib/audit";
import { assertCan, can, rolesWith } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { SYSTEM_USER_EMAILS } from "@/lib/auth/system-actor";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { notify } from "@/lib/jobs/outbox";
import { loadRotations } from "@/lib/oncall/queries";
import { listSwapsQuerySchema, proposeSwapSchema, swapIdSchema } from "@/lib/oncall/schemas";
import { holdsInterval, swapTransition, type SwapAction } from "@/lib/oncall/swap-rules";
import { formatUtc } from "@/lib/utils";
import { parseInput } from "@/lib/validation";

const swapSelect = {
  id: true,
  rotationId: true,
  rotation: { select: { name: true } },
  proposerId: true,
  proposer: { select: { id: true, name: true } },
  recipientId: true,
  recipient: { select: { id: true, name: true } },
  startsAt: true,
  endsAt: true,
  returnStartsAt: true,
  returnEndsAt: true,
  message: true,
  status: true,
  overrideIds: true,
  decidedAt: true,
  createdAt: true,
} as const;

type SwapRow = {
  id: string;
  rotationId: string;
  rotation: { name: string };
  proposer: { id: string; name: string };
  recipient: { id: string; name: string };
  startsAt: Date;
  endsAt: Date;
  returnStartsAt: Date | null;
  returnEndsAt: Date | null;
  message: string;
  status: "pending" | "accepted" | "declined" | "cancelled";
  overrideIds: string[];
  decidedAt: Date | null;
  createdAt: Date;
};

export function toSwapDto(s: SwapRow) {
  return {
    id: s.id,
    rotationId: s.rotationId,
    rotationName: s.rotation.name,
    proposer: s.proposer,
    recipient: s.recipient,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    returnStartsAt: s.returnStartsAt?.toISOString() ?? null,
    returnEndsAt: s.returnEndsAt?.toISOString() ?? null,
    message: s.message,
    status: s.status,
    overrideIds: s.overrideIds,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}
export type SwapDto = ReturnType<typeof toSwapDto>;

const span = (a: Date, b: Date) => `${formatUtc(a)} – ${formatUtc(b)}`;

/** The rotation row locked (so overrides and swaps on it are decided one at a time) and loaded with its overrides over the intervals. */
async function lockedRotation(tx: Tx, rotationId: string, from: Date, to: Date) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Rotation" WHERE id = ${rotationId} FOR UPDATE`;
  if (!locked.length) throw new NotFoundError("Rotation");
  const [rotation] = await loadRotations(tx, { ids: [rotationId], from, to });
  return rotation;
}

/**
 * The proposer offers their own shift (all of [startsAt, endsAt) must be
 * theirs by the rotation's schedule) to another active engineer, optionally
 * asking for one of the recipient's shifts back. The recipient is notified.
 */
export async function proposeSwap({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "swaps.propose");
  const data = parseInput(proposeSwapSchema, input);
  if (data.recipientId === actor.id) throw new ValidationError({ recipientId: "Pick someone other than yourself" });
  if (data.endsAt.getTime() <= now.getTime()) throw new ValidationError({ endsAt: "The shift is already over" });
  if (data.returnEndsAt && data.returnEndsAt.getTime() <= now.getTime()) throw new ValidationError({ returnEndsAt: "Their shift is already over" });
  return db.$transaction(async (tx) => {
    const from = new Date(Math.min(data.startsAt.getTime(), data.returnStartsAt?.getTime() ?? Infinity));
    const to = new Date(Math.max(data.endsAt.getTime(), data.returnEndsAt?.getTime() ?? -Infinity));
    const rotation = await lockedRotation(tx, data.rotationId, from, to);
    const recipient = await tx.user.findFirst({
      where: { id: data.recipientId, active: true, role: { in: rolesWith("oncall.serve") }, email: { notIn: SYSTEM_USER_EMAILS } },
      select: { id: true, name: true },
    });
    if (!recipient) throw new ValidationError({ recipientId: "Pick an active engineer" });
    const mine = holdsInterval(rotation, rotation.overrides, actor.id, data.startsAt, data.endsAt, "you");
    if (mine) throw new ValidationError({ startsAt: mine });
    if (data.returnStartsAt && data.returnEndsAt) {
      const theirs = holdsInterval(rotation, rotation.overrides, recipient.id, data.returnStartsAt, data.returnEndsAt, "they");
      if (theirs) throw new ValidationError({ returnStartsAt: theirs });
    }
    const clash = await tx.shiftSwap.findFirst({
      where: { rotationId: rotation.id, proposerId: actor.id, status: "pending", startsAt: { lt: data.endsAt }, endsAt: { gt: data.startsAt } },
      select: { id: true },
    });
    if (clash) throw new ConflictError("You already offered part of this shift in a pending swap: cancel it first", { startsAt: "Overlaps your pending swap" });
    const swap = await tx.shiftSwap.create({
      data: {
        rotationId: rotation.id,
        proposerId: actor.id,
        recipientId: recipient.id,
        startsAt: data.startsAt,
        endsAt: data.endsAt,
        returnStartsAt: data.returnStartsAt ?? null,
        returnEndsAt: data.returnEndsAt ?? null,
        message: data.message,
      },
      select: swapSelect,
    });
    await audit(tx, { actor, action: "swap.proposed", entity: "ShiftSwap", entityId: swap.id, data: { ...data } });
    const back = data.returnStartsAt && data.returnEndsAt ? ` and take your shift ${span(data.returnStartsAt, data.returnEndsAt)} in exchange` : "";
    await notify(
      tx,
      [recipient.id],
      {
        title: `Shift swap offered by ${actor.name}`,
        body: `${actor.name} asks you to cover ${rotation.name} ${span(data.startsAt, data.endsAt)}${back}. Accept or decline on the On-call page.${data.message ? ` “${data.message}”` : ""}`,
        link: "/oncall#swaps",
        event: "swap.proposed",
        data: { swapId: swap.id, rotationId: rotation.id },
        dedupeKey: `swap:${swap.id}:proposed`,
      },
      now,
    );
    return toSwapDto(swap);
  });
}

async function decide(action: SwapAction, { actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, action === "cancel" ? "swaps.propose" : "swaps.respond");
  const { id } = parseInput(swapIdSchema, input);
  return db.$transaction(async (tx) => {
    const swapRow = await tx.shiftSwap.findUnique({ where: { id }, select: swapSelect });
    if (!swapRow) throw new NotFoundError("Swap");
    // lock the rotation first (same order as createOverride), then the swap row
    const from = new Date(Math.min(swapRow.startsAt.getTime(), swapRow.returnStartsAt?.getTime() ?? Infinity));
    const to = new Date(Math.max(swapRow.endsAt.getTime(), swapRow.returnEndsAt?.getTime() ?? -Infinity));
    const rotation = action === "accept" ? await lockedRotation(tx, swapRow.rotationId, from, to) : null;
    await tx.$queryRaw`SELECT id FROM "ShiftSwap" WHERE id = ${id} FOR UPDATE`;
    const swap = await tx.shiftSwap.findUniqueOrThrow({ where: { id }, select: swapSelect });
    const verdict = swapTransition(swap, action, { id: actor.id, canManageOthers: can(actor.role, "swaps.manage_others") }, now);
    if (!verdict.ok) throw verdict.code === "forbidden" ? new ForbiddenError(verdict.reason) : new ConflictError(verdict.reason);

    const overrideIds: string[] = [];
    if (action === "accept" && rotation) {
      // The schedule may have changed since the proposal: both people must still hold their intervals.
      const given = holdsInterval(rotation, rotation.overrides, swap.proposer.id, swap.startsAt, swap.endsAt, "they");
      if (given) throw new ConflictError(`The schedule changed since the proposal: ${given.replace("They are", `${swap.proposer.name} is`)}`);
      const recipient = await tx.user.findFirst({ where: { id: actor.id, active: true }, select: { id: true } });
      if (!recipient) throw new ForbiddenError("Your account is deactivated");
      const proposer = await tx.user.findFirst({ where: { id: swap.proposer.id, active: true }, select: { id: true } });
      if (swap.returnStartsAt && swap.returnEndsAt) {
        if (!proposer) throw new ConflictError(`${swap.proposer.name} is deactivated: the exchange cannot be accepted`);
        const back = holdsInterval(rotation, rotation.overrides, actor.id, swap.returnStartsAt, swap.returnEndsAt, "you");
        if (back) throw new ConflictError(`The schedule changed since the proposal: ${back}`);
      }
      const reason = `Swap: ${swap.proposer.name} → ${swap.recipient.name}`.slice(0, 200);
      const intervals: { userId: string; startsAt: Date; endsAt: Date; reason: string }[] = [{ userId: actor.id, startsAt: swap.startsAt, endsAt: swap.endsAt, reason }];
      if (swap.returnStartsAt && swap.returnEndsAt)
        intervals.push({ userId: swap.proposer.id, startsAt: swap.returnStartsAt, endsAt: swap.returnEndsAt, reason: `Swap: ${swap.recipient.name} → ${swap.proposer.name}`.slice(0, 200) });
      for (const o of intervals) {
        const created = await tx.rotationOverride.create({ data: { rotationId: swap.rotationId, ...o, createdById: actor.id }, select: { id: true } });
        overrideIds.push(created.id);
        await audit(tx, { actor, action: "override.created", entity: "RotationOverride", entityId: created.id, data: { rotationId: swap.rotationId, ...o, swapId: swap.id } });
      }
    }
    const updated = await tx.shiftSwap.update({ where: { id }, data: { status: verdict.next, decidedAt: now, overrideIds }, select: swapSelect });
    await audit(tx, { actor, action: `swap.${verdict.next}`, entity: "ShiftSwap", entityId: id, data: { overrideIds } });
    const other = action === "cancel" ? swap.recipient.id : swap.proposer.id;
    if (other !== actor.id)
      await notify(
        tx,
        [other],
        {
          title: `Shift swap ${verdict.next}: ${swap.rotation.name} ${span(swap.startsAt, swap.endsAt)}`,
          body:
            action === "accept"
              ? `${swap.recipient.name} accepted: they are on call ${span(swap.startsAt, swap.endsAt)}${swap.returnStartsAt && swap.returnEndsAt ? ` and you take ${span(swap.returnStartsAt, swap.returnEndsAt)}` : ""}.`
              : action === "decline"
                ? `${swap.recipient.name} declined: you stay on call ${span(swap.startsAt, swap.endsAt)}.`
                : `${actor.name} withdrew the swap offer for ${span(swap.startsAt, swap.endsAt)}.`,
          link: "/oncall#swaps",
          event: `swap.${verdict.next}`,
          data: { swapId: id, rotationId: swap.rotationId, overrideIds },
          dedupeKey: `swap:${id}:${verdict.next}`,
        },
        now,
      );
    return toSwapDto(updated);
  });
}

/** The recipient accepts: overrides are written for the given interval (and the exchanged one), audited; the proposer is notified. */
export const acceptSwap = (args: { actor: Actor; input: unknown; now?: Date }) => decide("accept", args);
/** The recipient declines; the proposer is notified. */
export const declineSwap = (args: { actor: Actor; input: unknown; now?: Date }) => decide("decline", args);
/** The proposer (or ARCHITECT) withdraws a pending swap; the recipient is notified. */
export const cancelSwap = (args: { actor: Actor; input: unknown; now?: Date }) => decide("cancel", args);

/** Swaps, newest first; `mine` limits them to those the actor proposed or received. */
export async function listSwaps(query: unknown, page: { limit: number; cursor?: string }, opts: { userId?: string } = {}) {
  const q = parseInput(listSwapsQuerySchema, query);
  const rows = await db.shiftSwap.findMany({
    where: {
      ...(q.status ? { status: q.status } : {}),
      ...(q.rotationId ? { rotationId: q.rotationId } : {}),
      ...(opts.userId ? { OR: [{ proposerId: opts.userId }, { recipientId: opts.userId }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    select: swapSelect,
  });
  return rows.map(toSwapDto);
}
