"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { getLiveServerSnapshot, getLiveSnapshot, subscribeLive } from "./live-store";

/** Re-renders the current server page when any incident (or its escalation) changes elsewhere. */
export function LiveRefresh() {
  const router = useRouter();
  const live = useSyncExternalStore(subscribeLive, getLiveSnapshot, getLiveServerSnapshot);
  const seen = useRef<string | null>(null);
  const stamp = live?.stamp ?? null;
  useEffect(() => {
    if (!stamp) return;
    if (seen.current && seen.current !== stamp) router.refresh();
    seen.current = stamp;
  }, [stamp, router]);
  return null;
}
