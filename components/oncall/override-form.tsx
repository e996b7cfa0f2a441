"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormStatus } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/oncall/schemas";


/**
 * "Cover a shift": any engineer for themselves; an ARCHITECT also picks who.
 * The server decides (a hidden field is not the control).
 */
export function OverrideForm<T>({
  action,
  rotations,
  people,
  canPickPerson,
}: {
  action: Action<T>;
  rotations: { id: string; name: string }[];
  people: { id: string; name: string; role: string }[];
  canPickPerson: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const err = (n: string) => failed?.fields?.[n];
  const v = (n: string) => failed?.values?.[n] ?? "";
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Cover a shift">
      <div className="sm:col-span-2">
        <FormStatus state={state} error={failed?.error} />
      </div>
      <Field id="ov-rotation" label="Rotation" error={err("rotationId")}>
        {(p) => (
          <Select {...p} name="rotationId" defaultValue={v("rotationId")} key={`r-${v("rotationId")}`}>
            <option value="">Choose…</option>
            {rotations.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {canPickPerson ? (
        <Field id="ov-user" label="Who covers" error={err("userId")} hint="Leave as yourself, or pick anyone (Architect)">
          {(p) => (
            <Select {...p} name="userId" defaultValue={v("userId")} key={`u-${v("userId")}`}>
              <option value="">Myself</option>
              {people.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.role})
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : (
        <p className="self-end text-sm text-slate-600 dark:text-slate-400">You will cover this shift yourself.</p>
      )}
      <Field id="ov-start" label="Starts (UTC)" error={err("startsAt")}>
        {(p) => <Input {...p} type="datetime-local" name="startsAt" defaultValue={v("startsAt")} />}
      </Field>
      <Field id="ov-end" label="Ends (UTC)" error={err("endsAt")}>
        {(p) => <Input {...p} type="datetime-local" name="endsAt" defaultValue={v("endsAt")} />}
      </Field>
      <Field id="ov-reason" label="Reason (optional)" error={err("reason")} className="sm:col-span-2">
        {(p) => <Input {...p} name="reason" maxLength={LIMITS.overrideReason} defaultValue={v("reason")} />}
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save override"}
        </Button>
      </div>
    </form>
  );
}

export function DeleteOverrideButton<T>({ action, id, label }: { action: Action<T>; id: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="ghost" size="sm" disabled={pending} aria-label={label}>
        Remove
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
