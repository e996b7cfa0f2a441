import "server-only";
import { ONCALL_ROLES, type Role } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/client";
import { GateBlockedError } from "@/lib/errors";
import { loadRotations, rotationByRole, type LoadedRotation } from "@/lib/oncall/queries";
import { gapHorizon, gapsFor, newlyUncovered, type Gap } from "@/lib/oncall/schedule";
import { formatUtc } from "@/lib/utils";

/**
 * The primary rotation may not be left with a gap (issue 13), like
 * PagerDuty's refusal to delete a user who is the only one on a schedule
 * layer: a change that would leave an instant of the primary rotation
 * (the oldest rotation of ONCALL_ROLES.primary, the one level 1 pages)
 * uncovered — a deactivated member's shift, a deactivated override holder, no
 * primary rotation at all — is refused with the first gap named, unless an
 * override covers it. Only gaps the change creates count: an existing gap does
 * not block unrelated edits. Checked from `now` over a full cycle of the
 * rotation (every member's next shift) and at least 14 days.
 *
 * Usage, inside the mutation's transaction:
 *   const before = await primarySnapshot(tx, now);  … mutate …  await assertPrimaryCovered(tx, before, now);
 * The primary role's rotation rows are locked first, so two concurrent
 * deactivations cannot each pass a check that together they would fail.
 */
export type PrimarySnapshot = { rotation: LoadedRotation | null };

const FAR_MS = 800 * 86_400_000; // longer than any horizon (50 members × 14-day shifts)

async function loadPrimary(tx: Tx, now: Date): Promise<LoadedRotation | null> {
  const role: Role = ONCALL_ROLES.primary;
  return rotationByRole(await loadRotations(tx, { roles: [role], from: now, to: new Date(now.getTime() + FAR_MS) })).get(role) ?? null;
}

export async function primarySnapshot(tx: Tx, now: Date): Promise<PrimarySnapshot> {
  const role: string = ONCALL_ROLES.primary;
  await tx.$queryRaw`SELECT id FROM "Rotation" WHERE role::text = ${role} ORDER BY id FOR UPDATE`;
  return { rotation: await loadPrimary(tx, now) };
}

type Uncovered = Gap | { start: Date; end: Date; reason: "no_rotation"; userId: null };

function uncovered(rotation: LoadedRotation | null, now: Date, to: Date): Uncovered[] {
  return rotation ? gapsFor(rotation, rotation.overrides, now, to) : [{ start: now, end: to, reason: "no_rotation", userId: null }];
}

/** The gaps a change creates in the primary rotation over the checked horizon (pure over the two snapshots). */
export function newPrimaryGaps(before: LoadedRotation | null, after: LoadedRotation | null, now: Date): Uncovered[] {
  const horizons = [before, after].filter((r): r is LoadedRotation => !!r).map((r) => gapHorizon(r, now).getTime());
  const to = new Date(Math.max(now.getTime() + 14 * 86_400_000, ...horizons));
  return newlyUncovered(uncovered(after, now, to), uncovered(before, now, to));
}

/** Throws 422 gate_blocked naming the first new gap (field `field`, default "primaryRotation"); rolls the caller's transaction back. */
export async function assertPrimaryCovered(tx: Tx, before: PrimarySnapshot, now: Date, field = "primaryRotation") {
  const after = await loadPrimary(tx, now);
  const fresh = newPrimaryGaps(before.rotation, after, now);
  if (!fresh.length) return;
  const first = fresh[0];
  const name = (after ?? before.rotation)?.name ?? ONCALL_ROLES.primary;
  const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : "";
  let message: string;
  if (first.reason === "no_rotation") {
    message = `Refused: there would be no primary (${ONCALL_ROLES.primary}) rotation, so nobody would be paged at level 1. Create or keep another ${ONCALL_ROLES.primary} rotation first.`;
  } else {
    const when = `${formatUtc(first.start)} – ${formatUtc(first.end)}`;
    const who = first.userId ? ((await tx.user.findUnique({ where: { id: first.userId }, select: { name: true } }))?.name ?? "a deactivated user") : null;
    const why = first.reason === "no_members" ? "the rotation has no members" : `${who} is deactivated or may not be on call`;
    message = `Refused: the primary rotation "${name}" would have nobody on call ${when}${more} because ${why}. Add an override covering it, or change the rotation first.`;
  }
  throw new GateBlockedError(message, { [field]: message });
}
