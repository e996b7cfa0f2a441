"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction, formToObject } from "@/lib/actions/define-action";
import type { Actor } from "@/lib/auth/session";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { postIncidentUpdate } from "@/lib/incidents/post-incident-update";
import { reopenIncident } from "@/lib/incidents/reopen-incident";
import { resolveIncident } from "@/lib/incidents/resolve-incident";

/** Form → command input: checkboxes are explicit booleans (an unchecked box is absent from FormData). */
function formInput(form: FormData, checkboxes: string[]) {
  const input = formToObject(form);
  for (const name of checkboxes) input[name] = form.get(name) === "on";
  return input;
}

/** Commands that act on one incident take its id from the hidden `incidentId` field. */
function onIncident(command: (args: { actor: Actor; id: string; input: unknown }) => Promise<{ id: string }>) {
  return async ({ actor, input }: { actor: Actor; input: unknown }) => {
    const { incidentId, ...rest } = input as Record<string, unknown>;
    const { id } = await command({ actor, id: typeof incidentId === "string" ? incidentId : "", input: rest });
    return { id };
  };
}

const refresh = (r: { id: string }) => {
  revalidatePath(`/incidents/${r.id}`);
  revalidatePath("/incidents");
};

export const declareIncidentAction = defineAction(async (args) => ({ id: (await declareIncident(args)).id }), {
  toInput: (form) => formInput(form, ["public"]),
  onSuccess: (r) => {
    revalidatePath("/incidents");
    redirect(`/incidents/${r.id}`);
  },
});

export const postIncidentUpdateAction = defineAction(onIncident(postIncidentUpdate), { toInput: (form) => formInput(form, ["public"]), onSuccess: refresh, message: "Update posted.", requireVersion: "incidents.update" });

export const acknowledgeIncidentAction = defineAction(onIncident(acknowledgeIncident), { onSuccess: refresh, message: "Acknowledged: escalation stopped." });

export const resolveIncidentAction = defineAction(onIncident(resolveIncident), { toInput: (form) => formInput(form, ["public"]), onSuccess: refresh, message: "Incident resolved.", requireVersion: "incidents.resolve" });

export const reopenIncidentAction = defineAction(onIncident(reopenIncident), { toInput: (form) => formInput(form, ["public"]), onSuccess: refresh, message: "Incident reopened.", requireVersion: "incidents.reopen" });
