"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/define-action";

type Result = { sent: boolean; kind: "Scheduled" | "Rescheduled" | null; recipients: number };

/** "Send notification" / "Send rescheduled notification": posts to the notify command (idempotent on the server). */
export function NotifyButton({ id, label, action }: { id: string; label: string; action: (prev: ActionState<Result>, form: FormData) => Promise<ActionState<Result>> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : label}
      </Button>
      {state && !state.ok ? <FormError message={state.error} /> : null}
      {state?.ok && state.data ? (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {state.data.sent ? `${state.data.kind} notification sent to ${state.data.recipients} people and the configured channels.` : "Already notified: nothing was sent again."}
        </p>
      ) : null}
    </form>
  );
}
