"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createWebhookEndpoint, deleteWebhookEndpoint, sendWebhookTestNow, setWebhookEndpointActive } from "@/lib/notify/webhooks";

const refresh = () => revalidatePath("/settings/webhooks");

export const createWebhookEndpointAction = defineAction(createWebhookEndpoint, { onSuccess: refresh, message: "Endpoint added." });
export const setWebhookEndpointActiveAction = defineAction(setWebhookEndpointActive, { onSuccess: refresh });
export const deleteWebhookEndpointAction = defineAction(deleteWebhookEndpoint, { onSuccess: refresh, message: "Endpoint deleted." });
export const sendWebhookTestAction = defineAction(sendWebhookTestNow, { onSuccess: () => revalidatePath("/settings/deliveries") });
