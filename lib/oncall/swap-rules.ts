import { shiftsFor, type ScheduleOverride, type ScheduleRotation } from "@/lib/oncall/schedule";

/**
 * Shift swaps as pure rules (issue 13). A swap gives the proposer's
 * [startsAt, endsAt) to the recipient and optionally takes the recipient's
 * [returnStartsAt, returnEndsAt) back; accepting writes one override per
 * interval, so the schedule itself is never edited.
 */
export type SwapStatus = "pending" | "accepted" | "declined" | "cancelled";
export type SwapAction = "accept" | "decline" | "cancel";

const iso = (d: Date) => d.toISOString().replace(":00.000Z", "Z").replace("T", " ");

/**
 * Null when `userId` holds the rotation for the whole of [start, end) through
 * its own schedule (not an override: an interval covered by an override is
 * already someone's arrangement, and overrides may not overlap); else why not.
 */
export function holdsInterval(rotation: ScheduleRotation, overrides: ScheduleOverride[], userId: string, start: Date, end: Date, who: "you" | "they"): string | null {
  const res = shiftsFor(rotation, overrides, start, end);
  if (!res.ok) return res.error.message;
  const subject = who === "you" ? "You are" : "They are";
  for (const s of res.shifts) {
    if (s.source === "override") return `${iso(s.start)} – ${iso(s.end)} is covered by an override: remove it first or pick another time`;
    if (s.userId !== userId) return `${subject} not on call ${iso(s.start)} – ${iso(s.end)} in this rotation`;
  }
  return null;
}

/**
 * Who may move a swap and from where: only a pending swap moves; the
 * recipient accepts or declines; the proposer (or someone allowed to manage
 * others' swaps) cancels; nothing is accepted once the given shift has ended.
 */
export function swapTransition(
  swap: { status: SwapStatus; proposerId: string; recipientId: string; endsAt: Date },
  action: SwapAction,
  actor: { id: string; canManageOthers: boolean },
  now: Date,
): { ok: true; next: Exclude<SwapStatus, "pending"> } | { ok: false; code: "forbidden" | "conflict"; reason: string } {
  if (action === "cancel") {
    if (actor.id !== swap.proposerId && !actor.canManageOthers) return { ok: false, code: "forbidden", reason: "Only the person who proposed the swap may cancel it" };
  } else if (actor.id !== swap.recipientId) {
    return { ok: false, code: "forbidden", reason: `Only the person the swap was offered to may ${action} it` };
  }
  if (swap.status !== "pending") return { ok: false, code: "conflict", reason: `This swap is already ${swap.status}` };
  if (action === "accept" && swap.endsAt.getTime() <= now.getTime()) return { ok: false, code: "conflict", reason: "The shift is over: this swap can no longer be accepted" };
  return { ok: true, next: action === "accept" ? "accepted" : action === "decline" ? "declined" : "cancelled" };
}
