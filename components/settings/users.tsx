"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { DEFAULT_ROLE, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { LIMITS } from "@/lib/users/schemas";

type Issued = { expiresAt: string; emailed: boolean; link?: string };

function IssuedLink({ issued }: { issued: Issued }) {
  if (issued.emailed) return <p role="status" className="text-sm text-green-700 dark:text-green-400">The link was emailed (valid until {issued.expiresAt}).</p>;
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
      <p className="font-medium">No SMTP is configured: hand this one-time link over (valid until {issued.expiresAt}).</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="set-password-link" className="rounded bg-white px-2 py-1 font-mono break-all dark:bg-slate-900">
          {issued.link}
        </code>
        <CopyButton key={issued.link} text={issued.link ?? ""} label="Copy link" />
      </div>
    </div>
  );
}

export function InviteUserForm<T extends { invitation: Issued }>({ action }: { action: Action<T> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <div className="space-y-3">
      <form action={formAction} aria-label="Invite user" className="grid gap-3 sm:grid-cols-[1fr_1fr_max-content_max-content] sm:items-end" noValidate>
        <Field id="invite-email" label="Email" error={failed?.fields?.email}>
          {(p) => <Input {...p} name="email" type="email" required maxLength={LIMITS.email} defaultValue={failed?.values?.email} />}
        </Field>
        <Field id="invite-name" label="Name" error={failed?.fields?.name}>
          {(p) => <Input {...p} name="name" required maxLength={LIMITS.name} defaultValue={failed?.values?.name} />}
        </Field>
        <Field id="invite-role" label="Role" error={failed?.fields?.role}>
          {(p) => (
            <Select {...p} name="role" defaultValue={failed?.values?.role ?? DEFAULT_ROLE}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" disabled={pending} className="mb-5">
          {pending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      {failed && !failed.fields ? <FormError message={failed.error} /> : null}
      {state?.ok && state.data ? <IssuedLink issued={state.data.invitation} /> : null}
    </div>
  );
}

export function RoleForm<T>({ action, id, role, name }: { action: Action<T>; id: string; role: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Select name="role" aria-label={`Role of ${name}`} defaultValue={failed?.values?.role ?? role} key={role}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        Change
      </Button>
      {failed ? <p className="text-sm text-red-700 dark:text-red-400">{failed.fields?.role ?? failed.error}</p> : null}
    </form>
  );
}

export function ActiveButton<T>({ action, id, active, name }: { action: Action<T>; id: string; active: boolean; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button type="submit" size="sm" variant={active ? "destructive" : "outline"} disabled={pending} aria-label={`${active ? "Deactivate" : "Reactivate"} ${name}`}>
        {active ? "Deactivate" : "Reactivate"}
      </Button>
      {state && !state.ok ? <p className="text-sm text-red-700 dark:text-red-400">{state.fields?.active ?? state.error}</p> : null}
    </form>
  );
}

export function ResetButton<T extends Issued>({ action, id, name }: { action: Action<T>; id: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" size="sm" variant="outline" disabled={pending} aria-label={`Reset password of ${name}`}>
        Reset password
      </Button>
      {state && !state.ok ? <p className="text-sm text-red-700 dark:text-red-400">{state.error}</p> : null}
      {state?.ok && state.data ? <IssuedLink issued={state.data} /> : null}
    </form>
  );
}
