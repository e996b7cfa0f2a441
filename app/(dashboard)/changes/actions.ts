"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction, formToObject } from "@/lib/actions/define-action";
import type { Actor } from "@/lib/auth/session";
import { approveChange } from "@/lib/changes/approve-change";
import { createChange } from "@/lib/changes/create-change";
import { rejectChange } from "@/lib/changes/reject-change";
import { setReadinessItem } from "@/lib/changes/set-readiness-item";
import { transitionChange } from "@/lib/changes/transition-change";
import { updateChange } from "@/lib/changes/update-change";
import { createTemplate, fileFromTemplate, updateTemplate } from "@/lib/changes/templates";

type Args = { actor: Actor; input: unknown };
/** Actions hand the client only the id; the page re-reads the change. */
const idOnly =
  <T extends { id: string }>(command: (args: Args) => Promise<T>) =>
  async (args: Args) => ({ id: (await command(args)).id });

const refresh = (c: { id: string }) => {
  revalidatePath(`/changes/${c.id}`);
  revalidatePath("/changes");
};

/** "Save as Draft" / "Submit": the pressed button's `intent` decides; the structural checkbox is explicit. */
export const createChangeAction = defineAction(idOnly(createChange), {
  toInput: (form) => ({ ...formToObject(form), structural: form.get("structural") === "on", submit: form.get("intent") === "submit" }),
  onSuccess: (c) => redirect(`/changes/${c.id}`),
});

/**
 * "Save changes" on /changes/[id]/edit: the form sends every field, so an
 * unticked structural box means false and an emptied TIMELINE is an error
 * (in PATCH an absent TIMELINE means "unchanged").
 */
export const updateChangeAction = defineAction(idOnly(updateChange), {
  toInput: (form) => {
    const input = { ...formToObject(form), structural: form.get("structural") === "on" };
    return String(form.get("timeline") ?? "").trim() ? input : { ...input, timeline: null };
  },
  onSuccess: (c) => {
    refresh(c);
    redirect(`/changes/${c.id}`);
  },
});

function formDecision(input: unknown) {
  return input && typeof input === "object" && "decision" in input ? input.decision : undefined;
}

/** Approve (one click) or reject (with a comment), decided by the pressed button. */
export const decideChangeAction = defineAction(
  idOnly(({ actor, input }: Args) => (formDecision(input) === "reject" ? rejectChange({ actor, input }) : approveChange({ actor, input }))),
  { onSuccess: refresh, message: "Decision recorded" },
);

export const transitionChangeAction = defineAction(idOnly(transitionChange), { onSuccess: refresh, message: "Status changed" });

export const readinessAction = defineAction(idOnly(setReadinessItem), {
  toInput: (form) => ({ ...formToObject(form), done: form.get("done") === "true" }),
  onSuccess: refresh,
  message: "Checklist updated",
});

/** Filing a Standard change from a template: Save as Draft / Submit. */
export const fileFromTemplateAction = defineAction(idOnly(fileFromTemplate), {
  toInput: (form) => ({ ...formToObject(form), submit: form.get("intent") === "submit" }),
  onSuccess: (c) => redirect(`/changes/${c.id}`),
});

/** ARCHITECT: a new Standard change template (the multi-select sends componentIds, one or many). */
export const createTemplateAction = defineAction(idOnly(createTemplate), {
  toInput: (form) => ({ ...formToObject(form), componentIds: form.getAll("componentIds").filter((v) => typeof v === "string") }),
  onSuccess: () => revalidatePath("/changes/templates"),
  message: "Template saved and approved",
});

export const templateActiveAction = defineAction(idOnly(updateTemplate), {
  toInput: (form) => ({ id: form.get("id"), version: form.get("version"), active: form.get("active") }),
  onSuccess: () => revalidatePath("/changes/templates"),
  message: "Template updated",
});
