"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/users/schemas";

type Created = { id: string; name: string; prefix: string; secret: string };

/** Creates a token and shows its secret once (it is stored hashed; a reload loses it for good). */
export function CreateTokenForm<T extends Created>({ action }: { action: Action<T> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const created = state?.ok ? state.data : undefined;

  return (
    <div className="space-y-3">
      <form action={formAction} aria-label="Create API token" className="flex flex-wrap items-end gap-3" noValidate>
        <Field id="token-name" label="Token name" error={failed?.fields?.name} hint="What will use it, e.g. “terraform pipeline”" className="min-w-64 flex-1">
          {(p) => <Input {...p} name="name" required maxLength={LIMITS.tokenName} defaultValue={failed?.values?.name} />}
        </Field>
        <Button type="submit" disabled={pending} className="mb-5">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {failed && !failed.fields?.name ? <FormError message={failed.error} /> : null}
      {created ? (
        <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          <p className="font-medium">
            New token “{created.name}”: copy it now. It will not be shown again.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="new-token-secret" className="rounded bg-white px-2 py-1 font-mono break-all dark:bg-slate-900">
              {created.secret}
            </code>
            <CopyButton key={created.secret} text={created.secret} label="Copy token" />
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeTokenButton<T>({ action, id, name }: { action: Action<T>; id: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="destructive" size="sm" disabled={pending} aria-label={`Revoke token ${name}`}>
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      {state && !state.ok ? <p className="text-sm text-red-700 dark:text-red-400">{state.error}</p> : null}
    </form>
  );
}
