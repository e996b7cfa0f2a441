"use client";

import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { Field, FormStatus } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { Action } from "@/lib/actions/define-action";

export type ShiftOption = { rotationId: string; rotationName: string; userId: string; userName: string; start: string; end: string };
type Person = { id: string; name: string; role: string };

const short = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
const range = (s: { start: string; end: string }) => `${short(s.start)} – ${short(s.end)} UTC`;

/**
 * "Swap a shift": pick one of your upcoming shifts, the engineer to offer it
 * to and, optionally, one of their shifts in the same rotation to take in
 * exchange. Every choice is state initialised from the values echoed back on
 * a validation error, so nothing is lost.
 */
export function SwapForm<T>({ action, myShifts, otherShifts, people }: { action: Action<T>; myShifts: ShiftOption[]; otherShifts: ShiftOption[]; people: Person[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const err = (...names: string[]) => names.map((n) => failed?.fields?.[n]).find(Boolean);
  const v = (n: string) => failed?.values?.[n] ?? "";
  // controlled: the exchange list depends on the shift and the person chosen
  const [shift, setShift] = useState(v("shift"));
  const [recipient, setRecipient] = useState(v("recipientId"));
  const [back, setBack] = useState(v("returnShift"));
  const rotationId = shift.split("|")[0];
  const theirs = otherShifts.filter((s) => s.rotationId === rotationId && s.userId === recipient);
  if (!myShifts.length) return <p className="text-sm text-slate-600 dark:text-slate-400">You have no shift in the next two weeks to swap.</p>;
  return (
    <form
      // submitted by hand: React's automatic reset after a form action would put the controlled selects back to "Choose…"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="grid gap-4 sm:grid-cols-2"
      noValidate
      aria-label="Swap a shift"
    >
      <div className="sm:col-span-2">
        <FormStatus state={state} error={failed?.error} />
      </div>
      <Field id="swap-shift" label="Your shift" error={err("shift", "rotationId", "startsAt", "endsAt")}>
        {(p) => (
          <Select {...p} name="shift" value={shift} onChange={(e) => setShift(e.target.value)}>
            <option value="">Choose…</option>
            {myShifts.map((s) => (
              <option key={`${s.rotationId}|${s.start}`} value={`${s.rotationId}|${s.start}|${s.end}`}>
                {s.rotationName}: {range(s)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="swap-recipient" label="Offer it to" error={err("recipientId")}>
        {(p) => (
          <Select {...p} name="recipientId" value={recipient} onChange={(e) => setRecipient(e.target.value)}>
            <option value="">Choose…</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="swap-back" label="Their shift in exchange (optional)" error={err("returnShift", "returnStartsAt", "returnEndsAt")} hint="Leave empty to give the shift away">
        {(p) => (
          <Select {...p} name="returnShift" value={theirs.some((s) => `${s.start}|${s.end}` === back) ? back : ""} onChange={(e) => setBack(e.target.value)}>
            <option value="">No exchange</option>
            {theirs.map((s) => (
              <option key={s.start} value={`${s.start}|${s.end}`}>
                {range(s)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="swap-message" label="Message (optional)" error={err("message")}>
        {(p) => <Input {...p} name="message" maxLength={500} defaultValue={v("message")} key={`m-${v("message")}`} />}
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Propose swap"}
        </Button>
      </div>
    </form>
  );
}

export type SwapView = {
  id: string;
  rotationName: string;
  proposer: { id: string; name: string };
  recipient: { id: string; name: string };
  startsAt: string;
  endsAt: string;
  returnStartsAt: string | null;
  returnEndsAt: string | null;
  message: string;
  status: "pending" | "accepted" | "declined" | "cancelled";
};

function SwapButton<T>({ action, id, label, text }: { action: Action<T>; id: string; label: string; text: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" size="sm" variant={text === "Accept" ? "default" : "outline"} disabled={pending} aria-label={label}>
        {text}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-xs text-red-700 dark:text-red-400">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

const TONE = { pending: "amber", accepted: "green", declined: "slate", cancelled: "slate" } as const;

/** The caller's swaps: incoming pending ones can be accepted or declined, own pending ones cancelled. */
export function SwapList<A, D, C>({ swaps, me, accept, decline, cancel }: { swaps: SwapView[]; me: string; accept: Action<A>; decline: Action<D>; cancel: Action<C> }) {
  if (!swaps.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No shift swaps.</p>;
  return (
    <ul className="space-y-2 text-sm" aria-label="Shift swaps">
      {swaps.map((s) => {
        const incoming = s.recipient.id === me;
        const what = `${s.rotationName} ${range({ start: s.startsAt, end: s.endsAt })}`;
        return (
          <li key={s.id} className="flex flex-wrap items-center gap-2" data-testid="swap">
            <Badge tone={TONE[s.status]}>{s.status}</Badge>
            <span>
              {incoming ? `${s.proposer.name} offers you` : `You offered ${s.recipient.name}`} {what}
              {s.returnStartsAt && s.returnEndsAt ? `, in exchange for ${incoming ? "your" : "their"} ${range({ start: s.returnStartsAt, end: s.returnEndsAt })}` : ""}
              {s.message ? <span className="text-slate-500"> “{s.message}”</span> : null}
            </span>
            {s.status === "pending" && incoming ? (
              <>
                <SwapButton action={accept} id={s.id} text="Accept" label={`Accept swap from ${s.proposer.name}: ${what}`} />
                <SwapButton action={decline} id={s.id} text="Decline" label={`Decline swap from ${s.proposer.name}: ${what}`} />
              </>
            ) : null}
            {s.status === "pending" && !incoming ? <SwapButton action={cancel} id={s.id} text="Cancel" label={`Cancel swap offered to ${s.recipient.name}: ${what}`} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
