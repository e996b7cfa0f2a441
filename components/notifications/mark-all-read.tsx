"use client";

import { ActionButton, type FormAction } from "./action-button";

export function MarkAllReadButton<T extends { updated: number }>({ action }: { action: FormAction<T> }) {
  return (
    <ActionButton
      action={action}
      fields={{}}
      label="Mark all as read"
      pendingLabel="Marking…"
      successText={(d) => (d ? (d.updated ? `Marked ${d.updated} as read.` : "Nothing was unread.") : null)}
    />
  );
}
