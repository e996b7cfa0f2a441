"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/users/schemas";

export function SetPasswordForm({ action, token, email }: { action: Action<{ email: string }>; token: string; email: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  if (state?.ok)
    return (
      <p role="status" className="text-center text-sm">
        Password set for {email}.{" "}
        <a className="font-medium text-sky-700 underline dark:text-sky-400" href="/login">
          Sign in
        </a>
      </p>
    );
  return (
    <form action={formAction} aria-label="Set password" className="space-y-3" noValidate>
      <input type="hidden" name="token" value={token} />
      <p className="text-sm">Account: {email}</p>
      <Field id="password" label="New password" error={failed?.fields?.password} hint="At least 12 characters">
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required maxLength={LIMITS.password} />}
      </Field>
      <Field id="confirm" label="Repeat the password" error={failed?.fields?.confirm}>
        {(p) => <Input {...p} name="confirm" type="password" autoComplete="new-password" required maxLength={LIMITS.password} />}
      </Field>
      {failed && (!failed.fields || failed.fields.token) ? <FormError message={failed.fields?.token ?? failed.error} /> : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
