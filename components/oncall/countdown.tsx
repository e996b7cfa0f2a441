"use client";

import { useEffect, useState } from "react";

function format(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
  return d ? `${d}d ${hms}` : hms;
}

/**
 * A live countdown to `target`. Anchored to the server's clock (`serverNow`)
 * plus time elapsed in the browser, so a skewed client clock does not shift
 * it; ticks every second without reloading.
 */
export function Countdown({ target, serverNow, label }: { target: string; serverNow: string; label: string }) {
  const [mountedAt] = useState(() => Date.now());
  const [now, setNow] = useState(mountedAt);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const remaining = new Date(target).getTime() - (new Date(serverNow).getTime() + (now - mountedAt));
  return (
    <span role="timer" aria-label={label} className="font-mono tabular-nums">
      {remaining <= 0 ? "now" : format(remaining)}
    </span>
  );
}
