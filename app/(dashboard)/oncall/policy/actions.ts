"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { saveEscalationPolicyFromForm } from "@/lib/oncall/escalation-policy";

export const saveEscalationPolicyAction = defineAction(saveEscalationPolicyFromForm, {
  onSuccess: () => {
    revalidatePath("/oncall/policy");
    revalidatePath("/oncall");
  },
  message: "Escalation policy saved. Open incidents follow it from the next tick; levels already paged are not paged again.",
});
