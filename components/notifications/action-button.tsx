"use client";

import { useActionState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions/define-action";

export type FormAction<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/**
 * One button posting hidden fields to a server action; shows the command's
 * error (or its success message) next to it, announced to screen readers.
 */
export function ActionButton<T>({
  action,
  fields,
  label,
  pendingLabel,
  ariaLabel,
  variant = "outline",
  successText,
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  ariaLabel?: string;
  variant?: ButtonProps["variant"];
  successText?: (data: T | undefined, message?: string) => string | null;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const success = state?.ok ? (successText ? successText(state.data, state.message) : (state.message ?? null)) : null;
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" size="sm" variant={variant} disabled={pending} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      {success ? (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {success}
        </p>
      ) : null}
    </form>
  );
}
