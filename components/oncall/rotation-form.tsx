"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/oncall/schemas";

type Rotation = { id: string; name: string; role: string; shiftMinutes: number; handoffMinuteUtc: number; timeZone?: string; anchorAt: string; memberIds: string[] };
type Person = { id: string; name: string; role: string };

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const ZONES: string[] = (() => {
  try {
    return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  } catch {
    return ["UTC"];
  }
})();

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * Ordered member list of any length: add from the picker, reorder with the
 * up/down buttons (keyboard) or by dragging a row, remove. The order is sent
 * as member1…memberN hidden fields; the list is React state, so it survives a
 * validation error, like every other field (values echoed back by defineAction).
 */
function MemberList({ people, initial, error }: { people: Person[]; initial: string[]; error?: string }) {
  const [ids, setIds] = useState(initial);
  const [pick, setPick] = useState("");
  const [dragging, setDragging] = useState<number | null>(null);
  const [said, setSaid] = useState("");
  // the button to focus after a keyboard move: React re-inserts a moved row, and the browser drops focus from it
  const focusAfter = useRef<{ id: string; dir: "up" | "down" } | null>(null);
  const byId = new Map(people.map((p) => [p.id, p]));
  const label = (id: string) => byId.get(id)?.name ?? "Unknown user";
  const reorder = (from: number, to: number, dir?: "up" | "down") => {
    if (to < 0 || to >= ids.length) return;
    setIds(move(ids, from, to));
    setSaid(`${label(ids[from])} moved to position ${to + 1} of ${ids.length}`);
    // at either end that button is disabled now: keep focus on the row's other one
    if (dir) focusAfter.current = { id: ids[from], dir: (dir === "up" && to === 0) || (dir === "down" && to === ids.length - 1) ? (dir === "up" ? "down" : "up") : dir };
  };
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    document.getElementById(`member-${target.dir}-${target.id}`)?.focus();
  }, [ids]);
  return (
    <fieldset className="space-y-2 sm:col-span-2">
      <legend className="mb-1 text-sm font-medium">Members in order ({ids.length})</legend>
      {ids.map((id, i) => (
        <input key={`h-${id}`} type="hidden" name={`member${i + 1}`} value={id} />
      ))}
      <ol className="space-y-1" aria-label="Rotation members">
        {ids.map((id, i) => (
          <li
            key={id}
            draggable
            onDragStart={() => setDragging(i)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null) reorder(dragging, i);
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
            data-testid="rotation-member"
            className={`flex items-center gap-2 rounded border border-slate-200 px-2 py-1 text-sm dark:border-slate-700 ${dragging === i ? "opacity-50" : ""}`}
          >
            <span aria-hidden className="cursor-grab select-none text-slate-400">
              ⠿
            </span>
            <span className="w-6 text-right tabular-nums">{i + 1}.</span>
            <span className="flex-1">
              {label(id)} <span className="text-slate-500">({byId.get(id)?.role ?? "?"})</span>
            </span>
            <Button type="button" size="sm" variant="ghost" id={`member-up-${id}`} onClick={() => reorder(i, i - 1, "up")} disabled={i === 0} aria-label={`Move ${label(id)} up`}>
              ↑
            </Button>
            <Button type="button" size="sm" variant="ghost" id={`member-down-${id}`} onClick={() => reorder(i, i + 1, "down")} disabled={i === ids.length - 1} aria-label={`Move ${label(id)} down`}>
              ↓
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => {
                setIds(ids.filter((x) => x !== id));
                setSaid(`${label(id)} removed`);
              }}
              aria-label={`Remove ${label(id)}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div className="flex items-end gap-2">
        <Field id="rot-add-member" label="Add member" className="flex-1">
          {(p) => (
            <Select {...p} value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">Choose…</option>
              {people
                .filter((u) => !ids.includes(u.id))
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.role})
                  </option>
                ))}
            </Select>
          )}
        </Field>
        <Button
          type="button"
          variant="outline"
          className="mb-5"
          disabled={!pick}
          onClick={() => {
            setIds([...ids, pick]);
            setSaid(`${label(pick)} added at position ${ids.length + 1}`);
            setPick("");
          }}
        >
          Add
        </Button>
      </div>
      <p aria-live="polite" className="sr-only">
        {said}
      </p>
      {error ? <p className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
    </fieldset>
  );
}

/** Create or edit a rotation (ARCHITECT). */
export function RotationForm<T>({ action, people, roles, rotation }: { action: Action<T>; people: Person[]; roles: string[]; rotation?: Rotation }) {
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
        {(p) => <Input {...p} name="name" maxLength={LIMITS.rotationName} defaultValue={v("name", rotation?.name ?? "")} key={v("name", "")} />}
      </Field>
      <Field id="rot-role" label="Role" error={err("role")}>
        {(p) => (
          <Select {...p} name="role" defaultValue={v("role", rotation?.role ?? "")} key={v("role", "")}>
            <option value="">Choose…</option>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="rot-shift" label="Shift length (minutes)" error={err("shiftMinutes")} hint="1440 = daily, 10080 = weekly, N × 1440 = every N days">
        {(p) => <Input {...p} type="number" min={15} name="shiftMinutes" defaultValue={v("shiftMinutes", String(rotation?.shiftMinutes ?? 1440))} key={v("shiftMinutes", "")} />}
      </Field>
      <Field id="rot-handoff" label="Handoff time" error={err("handoffMinuteUtc")} hint="Wall-clock time in the time zone below">
        {(p) => <Input {...p} type="time" name="handoffMinuteUtc" defaultValue={v("handoffMinuteUtc", hhmm(rotation?.handoffMinuteUtc ?? 540))} key={v("handoffMinuteUtc", "")} />}
      </Field>
      <Field id="rot-zone" label="Time zone" error={err("timeZone")} hint="Whole-day shifts start at the handoff time in this zone, across DST changes">
        {(p) => (
          <Select {...p} name="timeZone" defaultValue={v("timeZone", rotation?.timeZone ?? "UTC")} key={v("timeZone", "")}>
            {ZONES.map((z) => (
              <option key={z}>{z}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="rot-anchor" label="First shift date" error={err("anchorAt")} hint="Member 1 starts on this date at the handoff time">
        {(p) => <Input {...p} type="date" name="anchorAt" defaultValue={v("anchorAt", (rotation?.anchorAt ?? new Date().toISOString()).slice(0, 10))} key={v("anchorAt", "")} />}
      </Field>
      <MemberList people={people} initial={rotation?.memberIds ?? []} error={err("memberIds")} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : rotation ? "Save rotation" : "Create rotation"}
        </Button>
      </div>
    </form>
  );
}

/** Delete a rotation (ARCHITECT): needs the confirmation box ticked; the server refuses deleting the primary rotation when nothing would cover level 1. */
export function DeleteRotationForm<T>({ action, id, name }: { action: Action<T>; id: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [sure, setSure] = useState(false);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-3" aria-label="Delete rotation">
      <FormError message={failed?.error} />
      <input type="hidden" name="id" value={id} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
        Delete {name} with its members, overrides and swaps
      </label>
      <Button type="submit" variant="destructive" disabled={pending || !sure}>
        {pending ? "Deleting…" : "Delete rotation"}
      </Button>
    </form>
  );
}
