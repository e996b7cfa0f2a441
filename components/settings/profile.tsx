"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/users/schemas";

export function ProfileForm<T>({ action, name }: { action: Action<T>; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} aria-label="Change name" className="space-y-2" noValidate>
      <Field id="profile-name" label="Name" error={failed?.fields?.name}>
        {(p) => <Input {...p} name="name" required maxLength={LIMITS.name} defaultValue={failed?.values?.name ?? name} />}
      </Field>
      <Button type="submit" size="sm" disabled={pending}>
        Save name
      </Button>
      {failed && !failed.fields ? <FormError message={failed.error} /> : null}
      {state?.ok ? <p role="status" className="text-sm text-green-700 dark:text-green-400">{state.message}</p> : null}
    </form>
  );
}

export function PasswordForm<T>({ action }: { action: Action<T> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} aria-label="Change password" className="space-y-2" noValidate>
      <Field id="current-password" label="Current password" error={failed?.fields?.currentPassword}>
        {(p) => <Input {...p} name="currentPassword" type="password" autoComplete="current-password" maxLength={LIMITS.password} />}
      </Field>
      <Field id="new-password" label="New password" error={failed?.fields?.newPassword} hint="At least 12 characters">
        {(p) => <Input {...p} name="newPassword" type="password" autoComplete="new-password" required maxLength={LIMITS.password} />}
      </Field>
      <Button type="submit" size="sm" disabled={pending}>
        Change password
      </Button>
      {failed && !failed.fields ? <FormError message={failed.error} /> : null}
      {state?.ok ? <p role="status" className="text-sm text-green-700 dark:text-green-400">{state.message}</p> : null}
    </form>
  );
}
