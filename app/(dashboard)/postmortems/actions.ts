"use server";

import { revalidatePath } from "next/cache";
import { defineAction, formToObject } from "@/lib/actions/define-action";
import { createFollowUp, deleteFollowUp, transitionPostmortem, updateFollowUp, updatePostmortem } from "@/lib/postmortems/commands";

const refresh = (r: { id: string }) => revalidatePath(`/postmortems/${r.id}`);

/** The hidden `postmortemId` (and `actionId`) fields name the record; the rest is the command's input. */
function split(input: unknown) {
  const { postmortemId, actionId, ...rest } = input as Record<string, unknown>;
  return { id: typeof postmortemId === "string" ? postmortemId : "", actionId: typeof actionId === "string" ? actionId : "", rest };
}

export const updatePostmortemAction = defineAction(
  async ({ actor, input }) => {
    const { id, rest } = split(input);
    await updatePostmortem({ actor, id, input: rest });
    return { id };
  },
  { toInput: formToObject, onSuccess: refresh, message: "Postmortem saved." },
);

export const transitionPostmortemAction = defineAction(
  async ({ actor, input }) => {
    const { id, rest } = split(input);
    await transitionPostmortem({ actor, id, input: rest });
    return { id };
  },
  { onSuccess: refresh, message: "Status changed." },
);

export const addFollowUpAction = defineAction(
  async ({ actor, input }) => {
    const { id, rest } = split(input);
    await createFollowUp({ actor, postmortemId: id, input: rest });
    return { id };
  },
  { onSuccess: refresh, message: "Follow-up added." },
);

export const setFollowUpStatusAction = defineAction(
  async ({ actor, input }) => {
    const { id, actionId, rest } = split(input);
    await updateFollowUp({ actor, postmortemId: id, actionId, input: rest });
    return { id };
  },
  { onSuccess: refresh },
);

export const deleteFollowUpAction = defineAction(
  async ({ actor, input }) => {
    const { id, actionId } = split(input);
    await deleteFollowUp({ actor, postmortemId: id, actionId });
    return { id };
  },
  { onSuccess: refresh, message: "Follow-up removed." },
);
