"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import type { Action, ActionState } from "@/lib/actions/define-action";
import { LIMITS } from "@/lib/changes/schemas";


function Result({ state }: { state: ActionState<{ id: string }> }) {
  if (!state) return null;
  if (!state.ok)
    return (
      <div className="space-y-1">
        <FormError message={state.error} />
        {state.fields ? (
          <ul className="list-disc pl-5 text-sm text-red-700 dark:text-red-400">
            {Object.entries(state.fields).map(([k, m]) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  return (
    <p role="status" className="text-sm text-green-800 dark:text-green-300">
      {state.message ?? "Done"}
    </p>
  );
}

/**
 * Approve in one click; reject with a comment. ARCHITECTs may give a freeze
 * override reason. `gateMissing` (labels) warns before a click the server
 * would refuse; the button stays enabled because the server is the control.
 */
export function DecisionForm({
  action,
  id,
  version,
  canOverride,
  gateMissing = [],
  conflicts = [],
}: {
  action: Action;
  id: string;
  version: number;
  canOverride: boolean;
  gateMissing?: string[];
  /** labels of conflicting work: approving then needs a confirmation with a reason */
  conflicts?: string[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-3" aria-label="Decide on this change">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {gateMissing.length ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          Approving is refused until the Change Approval checklist is complete. Still missing: {gateMissing.join(", ")}. Rejecting is possible now.
        </p>
      ) : null}
      {conflicts.length ? (
        <Field id={`decision-conflict-${id}`} label={`Conflict confirmation reason (required to approve: conflicts with ${conflicts.join("; ")})`} error={failed?.fields?.conflictReason}>
          {(p) => <Input {...p} name="conflictReason" maxLength={LIMITS.conflictReason} defaultValue={failed?.values?.conflictReason ?? ""} />}
        </Field>
      ) : null}
      <Field id={`decision-comment-${id}`} label="Comment (required to reject)" error={failed?.fields?.comment}>
        {(p) => <Textarea {...p} name="comment" maxLength={LIMITS.comment} defaultValue={failed?.values?.comment ?? ""} className="min-h-16" />}
      </Field>
      {canOverride ? (
        <Field id={`decision-override-${id}`} label="Freeze override reason (ARCHITECT, only during an open P1/P2)">
          {(p) => <Input {...p} name="overrideReason" maxLength={LIMITS.overrideReason} defaultValue={failed?.values?.overrideReason ?? ""} />}
        </Field>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="reject" variant="destructive" disabled={pending}>
          Reject
        </Button>
      </div>
      <Result state={state} />
    </form>
  );
}

/** One button per transition allowed now for this user. */
export function TransitionButtons({ action, id, version, targets, canOverride }: { action: Action; id: string; version: number; targets: string[]; canOverride: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (!targets.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No status changes are open to you now.</p>;
  return (
    <form action={formAction} className="space-y-3" aria-label="Change status">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {canOverride && targets.includes("In progress") ? (
        <Field id="transition-override" label="Freeze override reason (ARCHITECT, only during an open P1/P2)">
          {(p) => <Input {...p} name="overrideReason" maxLength={LIMITS.overrideReason} />}
        </Field>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {targets.map((to) => (
          <Button key={to} type="submit" name="to" value={to} variant={to === "Cancelled" || to === "Failed" || to === "Rolled back" ? "outline" : "default"} disabled={pending}>
            {to === "Submitted" ? "Submit" : to === "Cancelled" ? "Cancel change" : `Mark ${to}`}
          </Button>
        ))}
      </div>
      <Result state={state} />
    </form>
  );
}

/** Tick or untick one readiness item with evidence. */
export function ReadinessForm({ action, id, version, item, label, done, needsLink }: { action: Action; id: string; version: number; item: string; label: string; done: boolean; needsLink: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="mt-2 flex flex-wrap items-start gap-2" aria-label={`${done ? "Untick" : "Tick"} ${label}`}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="item" value={item} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="done" value={done ? "false" : "true"} />
      <div className="min-w-64 flex-1">
        <Input
          name="evidence"
          maxLength={LIMITS.evidence}
          aria-label={`Evidence for ${label}`}
          placeholder={done ? "Why (optional)" : needsLink ? "https://… (link required)" : "Note or link"}
          defaultValue={failed?.values?.evidence ?? ""}
          aria-invalid={failed?.fields?.evidence ? true : undefined}
          aria-describedby={failed ? `evidence-${item}-error` : undefined}
        />
        {failed ? (
          <p id={`evidence-${item}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
            {failed.fields?.evidence ?? failed.error}
          </p>
        ) : null}
      </div>
      <Button type="submit" size="sm" variant={done ? "outline" : "default"} disabled={pending}>
        {done ? "Untick" : "Tick"}
      </Button>
    </form>
  );
}
