"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { retryDeliveryNow } from "@/lib/notify/retry-delivery";

export const retryDeliveryAction = defineAction(retryDeliveryNow, { onSuccess: () => revalidatePath("/settings/deliveries") });
