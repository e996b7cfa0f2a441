"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** The viewer's local rendering of a UTC instant; empty during SSR (the server does not know the viewer's zone). */
export function LocalTime({ iso, prefix = "Your time: " }: { iso: string | null | undefined; prefix?: string }) {
  const text = useSyncExternalStore(
    subscribe,
    () => (iso ? formatLocal(new Date(iso)) : ""),
    () => "",
  );
  if (!text) return null;
  return (
    <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="local-time">
      {prefix}
      {text}
    </span>
  );
}

export function formatLocal(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  // dateStyle/timeStyle cannot be combined with timeZoneName (RangeError): spell the fields out
  return new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(d);
}
