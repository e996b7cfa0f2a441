"use client";

import { ActionButton, type FormAction } from "./action-button";

/*
 * Client wrappers: pages (server components) cannot pass functions such as a
 * success formatter to a client component, only server actions.
 */

type Outcome = { delivered?: boolean; status?: string; lastError: string | null };

export function RetryDeliveryButton<T extends Outcome>({ action, id, label }: { action: FormAction<T>; id: string; label: string }) {
  return (
    <ActionButton
      action={action}
      fields={{ id }}
      label="Retry now"
      pendingLabel="Retrying…"
      ariaLabel={label}
      successText={(r) => (r ? (r.status === "delivered" ? "Delivered." : `Still failing${r.lastError ? `: ${r.lastError}` : ""}.`) : null)}
    />
  );
}

export function WebhookTestButton<T extends Outcome>({ action, id, name }: { action: FormAction<T>; id: string; name: string }) {
  return (
    <ActionButton
      action={action}
      fields={{ id }}
      label="Send test"
      pendingLabel="Sending…"
      ariaLabel={`Send a test message to ${name}`}
      successText={(d) => (d ? (d.delivered ? "Test delivered." : `Not delivered${d.lastError ? `: ${d.lastError}` : ""}. It will be retried.`) : null)}
    />
  );
}
