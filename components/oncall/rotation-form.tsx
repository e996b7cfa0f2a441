"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";

type Rotation = { id: string; name: string; role: string; shiftMinutes: number; handoffMinuteUtc: number; anchorAt: string; memberIds: string[] };

const SLOTS = 6;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Create or edit a rotation (ARCHITECT): members are ordered slots 1…6. */
export function RotationForm<T>({ action, people, roles, rotation }: { action: Action<T>; people: { id: string; name: string; role: string }[]; roles: string[]; rotation?: Rotation }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const err = (n: string) => failed?.fields?.[n];
  const v = (n: string, d: string) => failed?.values?.[n] ?? d;
  return (
    <form action={formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate aria-label={rotation ? "Edit rotation" : "New rotation"}>
      <div className="sm:col-span-2">
        <FormError message={failed?.error} />
      </div>
      {rotation ? <input type="hidden" name="id" value={rotation.id} /> : null}
      <Field id="rot-name" label="Name" error={err("name")}>
        {(p) => <Input {...p} name="name" defaultValue={v("name", rotation?.name ?? "")} />}
      </Field>
      <Field id="rot-role" label="Role" error={err("role")}>
        {(p) => (
          <Select {...p} name="role" defaultValue={v("role", rotation?.role ?? "")}>
            <option value="">Choose…</option>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="rot-shift" label="Shift length (minutes)" error={err("shiftMinutes")} hint="1440 = one day">
        {(p) => <Input {...p} type="number" min={15} name="shiftMinutes" defaultValue={v("shiftMinutes", String(rotation?.shiftMinutes ?? 1440))} />}
      </Field>
      <Field id="rot-handoff" label="Handoff time (UTC)" error={err("handoffMinuteUtc")}>
        {(p) => <Input {...p} type="time" name="handoffMinuteUtc" defaultValue={v("handoffMinuteUtc", hhmm(rotation?.handoffMinuteUtc ?? 540))} />}
      </Field>
      <Field id="rot-anchor" label="First shift date (UTC)" error={err("anchorAt")} hint="Member 1 starts on this date at the handoff time">
        {(p) => <Input {...p} type="date" name="anchorAt" defaultValue={v("anchorAt", (rotation?.anchorAt ?? new Date().toISOString()).slice(0, 10))} />}
      </Field>
      <fieldset className="grid gap-2 sm:col-span-2 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Members in order</legend>
        {Array.from({ length: SLOTS }, (_, i) => (
          <Field key={i} id={`rot-member${i + 1}`} label={`Member ${i + 1}`}>
            {(p) => (
              <Select {...p} name={`member${i + 1}`} defaultValue={v(`member${i + 1}`, rotation?.memberIds[i] ?? "")}>
                <option value="">—</option>
                {people.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.role})
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ))}
        {err("memberIds") ? <p className="text-sm text-red-700 sm:col-span-3 dark:text-red-400">{err("memberIds")}</p> : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : rotation ? "Save rotation" : "Create rotation"}
        </Button>
      </div>
    </form>
  );
}
