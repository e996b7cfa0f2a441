"use server";

import type { ActionState } from "@/lib/actions/define-action";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { setPasswordFromLink } from "@/lib/users/commands";

/** Public (the link is the credential): validates, claims the one-time link, sets the password, audits. */
export async function setPasswordAction(_prev: ActionState<{ email: string }>, form: FormData): Promise<ActionState<{ email: string }>> {
  const password = form.get("password");
  const confirm = form.get("confirm");
  if (typeof password === "string" && password !== confirm) return { ok: false, error: "The passwords differ", fields: { confirm: "Type the same password twice" } };
  try {
    const result = await setPasswordFromLink({ input: { token: form.get("token"), password } });
    return { ok: true, data: result, message: "Password set. Sign in now." };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, fields: error.fields };
    log.error({ err: error }, "set password failed");
    return { ok: false, error: "Something went wrong" };
  }
}
