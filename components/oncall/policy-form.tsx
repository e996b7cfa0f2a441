"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, FormStatus } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";

/**
 * The policy document as JSON (levels, delays, targets, severities, repeats,
 * per-severity and per-group overrides). Keeps what was typed after a
 * validation error and lists every field message by its path.
 */
export function PolicyForm<T>({ action, document, version }: { action: Action<T>; document: string; version: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const other = failed?.fields ? Object.entries(failed.fields).filter(([k]) => k !== "document") : [];
  return (
    <form action={formAction} aria-label="Edit escalation policy" className="space-y-3" noValidate>
      <input type="hidden" name="version" value={failed?.values?.version ?? String(version)} />
      <Field id="policy-document" label="Policy (JSON)" error={failed?.fields?.document} hint="Targets: {kind: role, role}, {kind: component_owner}, {kind: people, userIds, emails}. severities: [] = all.">
        {(p) => <Textarea {...p} name="document" rows={28} className="font-mono text-xs" spellCheck={false} maxLength={100_000} defaultValue={failed?.values?.document ?? document} />}
      </Field>
      {other.length ? (
        <ul role="alert" aria-label="Problems in the policy" className="list-disc pl-5 text-sm text-red-700 dark:text-red-400">
          {other.map(([k, v]) => (
            <li key={k}>
              <code>{k}</code>: {v}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save policy"}
        </Button>
        <FormStatus state={state} />
      </div>
      {failed && !failed.fields ? <FormError message={failed.error} /> : null}
    </form>
  );
}
