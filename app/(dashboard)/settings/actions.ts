"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { changeOwnPassword, updateOwnProfile } from "@/lib/users/commands";

export const createApiTokenAction = defineAction(createApiToken, {
  onSuccess: () => revalidatePath("/settings"),
  message: "Token created. Copy it now: it is shown only once.",
});

export const revokeApiTokenAction = defineAction(revokeApiToken, {
  onSuccess: () => revalidatePath("/settings"),
  message: "Token revoked.",
});

export const updateProfileAction = defineAction(updateOwnProfile, { onSuccess: () => revalidatePath("/", "layout"), message: "Name saved." });
export const changePasswordAction = defineAction(changeOwnPassword, { message: "Password changed. Your other sessions have ended." });
