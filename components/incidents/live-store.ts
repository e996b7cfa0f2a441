"use client";

/**
 * One poller per browser tab for `GET /api/v1/incidents/live`, shared by the
 * P1 banner and every <LiveRefresh/>. Starts with the first subscriber and
 * stops with the last. Polling (not SSE) keeps it trivially robust behind
 * proxies and across server restarts; 2 s keeps "within 5 s" with margin.
 */
export type LiveIncidents = { stamp: string; openP1: { id: string; number: number; title: string; status: string; declaredAt: string }[] };

export const LIVE_POLL_MS = 2000;

let state: LiveIncidents | null = null;
let serialized = "";
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

async function poll() {
  try {
    const res = await fetch("/api/v1/incidents/live", { cache: "no-store", headers: { accept: "application/json" } });
    if (!res.ok) return;
    const text = await res.text();
    if (text === serialized) return;
    serialized = text;
    state = JSON.parse(text) as LiveIncidents;
    for (const l of listeners) l();
  } catch {
    // offline or restarting: the next poll tries again
  }
}

export function subscribeLive(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    void poll();
    timer = setInterval(poll, LIVE_POLL_MS);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export const getLiveSnapshot = () => state;
export const getLiveServerSnapshot = () => null;
