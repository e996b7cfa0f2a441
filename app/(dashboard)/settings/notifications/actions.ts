"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createContactMethod, createNotificationRule, deleteContactMethod, deleteNotificationRule, sendContactTestNow } from "@/lib/contacts/commands";

const refresh = () => revalidatePath("/settings/notifications");

export const createContactMethodAction = defineAction(createContactMethod, { onSuccess: refresh, message: "Contact method added." });
export const deleteContactMethodAction = defineAction(deleteContactMethod, { onSuccess: refresh, message: "Deleted." });
export const createNotificationRuleAction = defineAction(createNotificationRule, { onSuccess: refresh, message: "Rule added." });
export const deleteNotificationRuleAction = defineAction(deleteNotificationRule, { onSuccess: refresh, message: "Deleted." });
export const sendContactTestAction = defineAction(sendContactTestNow);
