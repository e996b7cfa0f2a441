"use server";

import { revalidatePath } from "next/cache";
import { defineAction, formToObject } from "@/lib/actions/define-action";
import { changeUserRole, inviteUser, resetUserPassword, setUserActive } from "@/lib/users/commands";

const refresh = () => revalidatePath("/settings/users");

export const inviteUserAction = defineAction(inviteUser, { onSuccess: refresh, message: "Invitation created." });
export const changeRoleAction = defineAction(changeUserRole, { onSuccess: refresh, message: "Role changed." });
export const setActiveAction = defineAction(setUserActive, {
  onSuccess: refresh,
  toInput: (form) => ({ ...formToObject(form), active: form.get("active") === "true" }),
});
export const resetPasswordAction = defineAction(resetUserPassword, { onSuccess: refresh, message: "Reset link created." });
