"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction, formToObject } from "@/lib/actions/define-action";

import { createCalendarToken, revokeCalendarToken } from "@/lib/oncall/calendar";
import { createOverride, deleteOverride } from "@/lib/oncall/overrides";
import { getEscalationPreview } from "@/lib/oncall/queries";
import { createRotation, deleteRotation, updateRotation } from "@/lib/oncall/rotations";
import { acceptSwap, cancelSwap, declineSwap, proposeSwap } from "@/lib/oncall/swaps";
import { acknowledgeHandoff } from "@/lib/oncall/handoffs";

/** `datetime-local` values carry no zone; the page labels them UTC, so read them as UTC. */
function utc(value: unknown) {
  return typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
}

const refresh = () => revalidatePath("/oncall");

export const createOverrideAction = defineAction(createOverride, {
  toInput: (form) => {
    const o = formToObject(form);
    return { ...o, startsAt: utc(o.startsAt), endsAt: utc(o.endsAt), userId: o.userId || undefined };
  },
  onSuccess: refresh,
  message: "Override saved",
});

export const deleteOverrideAction = defineAction(deleteOverride, { onSuccess: refresh, message: "Override removed" });

/** The ordered member slots (member1, member2, …) become memberIds. */
function rotationInput(form: FormData) {
  const o = formToObject(form);
  const memberIds = [...form.keys()]
    .filter((k) => /^member\d+$/.test(k))
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
    .map((k) => form.get(k))
    .filter((v): v is string => typeof v === "string" && v !== "");
  return { ...o, memberIds, anchorAt: typeof o.anchorAt === "string" && o.anchorAt ? `${o.anchorAt}T00:00:00Z` : o.anchorAt };
}

export const createRotationAction = defineAction(createRotation, {
  toInput: rotationInput,
  onSuccess: () => {
    refresh();
    redirect("/oncall");
  },
});

export const updateRotationAction = defineAction(updateRotation, {
  toInput: rotationInput,
  onSuccess: () => {
    refresh();
    redirect("/oncall");
  },
});

export const previewAction = defineAction(({ input }: { input: unknown }) => getEscalationPreview(input), {
  toInput: (form) => {
    const o = formToObject(form);
    return { ...o, at: utc(o.at) };
  },
});

export const createCalendarTokenAction = defineAction(createCalendarToken, { onSuccess: refresh });
export const revokeCalendarTokenAction = defineAction(revokeCalendarToken, { onSuccess: refresh, message: "Feed revoked" });

/** "rotationId|start|end" of the chosen shift and "start|end" of the optional exchange become the API's fields. */
export const proposeSwapAction = defineAction(proposeSwap, {
  toInput: (form) => {
    const o = formToObject(form);
    const [rotationId, startsAt, endsAt] = typeof o.shift === "string" && o.shift ? o.shift.split("|") : [];
    const [returnStartsAt, returnEndsAt] = typeof o.returnShift === "string" && o.returnShift ? o.returnShift.split("|") : [];
    return { rotationId: rotationId ?? "", startsAt, endsAt, returnStartsAt, returnEndsAt, recipientId: o.recipientId, message: o.message };
  },
  onSuccess: refresh,
  message: "Swap proposed: they will be notified",
});
export const acceptSwapAction = defineAction(acceptSwap, { onSuccess: refresh, message: "Swap accepted" });
export const declineSwapAction = defineAction(declineSwap, { onSuccess: refresh, message: "Swap declined" });
export const cancelSwapAction = defineAction(cancelSwap, { onSuccess: refresh, message: "Swap cancelled" });

export const deleteRotationAction = defineAction(deleteRotation, {
  onSuccess: () => {
    refresh();
    redirect("/oncall");
  },
});

export const acknowledgeHandoffAction = defineAction(acknowledgeHandoff, { onSuccess: refresh, message: "Handoff acknowledged" });
