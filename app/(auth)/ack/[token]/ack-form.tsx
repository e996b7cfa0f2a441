"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/define-action";

type Done = { number: number; title: string; alreadyAcknowledged: boolean; acknowledgedBy: string | null };

export function AckForm({ action, token, label }: { action: (prev: ActionState<Done>, form: FormData) => Promise<ActionState<Done>>; token: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const done = state?.ok ? state.data : undefined;
  if (done)
    return (
      <p role="status" className="text-center text-sm">
        {done.alreadyAcknowledged ? `#${done.number} was already acknowledged by ${done.acknowledgedBy ?? "someone else"}.` : `Acknowledged #${done.number} ${done.title}. Escalation stopped.`}
      </p>
    );
  return (
    <form action={formAction} aria-label="Acknowledge incident" className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Acknowledging…" : label}
      </Button>
    </form>
  );
}
