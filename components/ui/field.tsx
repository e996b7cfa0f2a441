import * as React from "react";
import { cn } from "@/lib/utils";

/**
 * A labelled form field with its error under the input. Pass the input as a
 * render function so it gets the right id and aria attributes.
 */
export function Field({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  error?: string;
  hint?: React.ReactNode;
  className?: string;
  children: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      {message}
    </div>
  );
}

/** A form's outcome under its fields: the error (role=alert) and, after success, the action's message (role=status). */
export function FormStatus({ state, error }: { state: { ok: boolean; message?: string } | null; error?: string | null }) {
  return (
    <>
      <FormError message={error} />
      {state?.ok ? (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {state.message}
        </p>
      ) : null}
    </>
  );
}
