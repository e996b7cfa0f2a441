"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { getLiveServerSnapshot, getLiveSnapshot, subscribeLive } from "./live-store";

/**
 * Across the whole dashboard while any P1 is open (issue 5 §5). Client-side
 * and polled, so it appears and disappears within seconds on every open tab.
 * A labelled region, not role=alert, so it never competes with form errors.
 */
export function P1Banner() {
  const live = useSyncExternalStore(subscribeLive, getLiveSnapshot, getLiveServerSnapshot);
  const open = live?.openP1 ?? [];
  if (!open.length) return null;
  const shown = open.slice(0, 3);
  return (
    <section aria-label="Open P1 incidents" data-testid="p1-banner" className="border-b border-red-800 bg-red-700 px-4 py-2 text-sm text-white md:px-8">
      <p aria-live="polite" className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold">
          {open.length === 1 ? "P1 incident open:" : `${open.length} P1 incidents open:`}
        </span>
        {shown.map((i) => (
          <Link key={i.id} href={`/incidents/${i.id}`} className="underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-white">
            #{i.number} {i.title} ({i.status})
          </Link>
        ))}
        {open.length > shown.length ? (
          <Link href="/incidents?severity=P1&status=open" className="underline underline-offset-2">
            +{open.length - shown.length} more
          </Link>
        ) : null}
      </p>
    </section>
  );
}
