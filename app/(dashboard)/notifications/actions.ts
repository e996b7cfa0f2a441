"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { markNotificationsRead } from "@/lib/notify/mark-read";

export const markAllNotificationsReadAction = defineAction(markNotificationsRead, {
  toInput: () => ({}),
  // "layout" also refreshes the unread badge in the shell
  onSuccess: () => revalidatePath("/", "layout"),
});
