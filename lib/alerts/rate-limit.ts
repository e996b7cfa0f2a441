/**
 * Per-key request budget of the ingest endpoints: a fixed one-minute window
 * per integration, in this process (each instance counts its own share; a
 * flood is refused before it reaches the database). Pure except for the map.
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterSec: number };

export function createRateLimiter(limitPerMinute: () => number) {
  const windows = new Map<string, { start: number; count: number }>();
  return function take(key: string, now: Date): RateDecision {
    const t = now.getTime();
    const minute = t - (t % 60_000);
    let w = windows.get(key);
    if (!w || w.start !== minute) {
      if (windows.size > 10_000) windows.clear(); // bounded memory under key churn
      w = { start: minute, count: 0 };
      windows.set(key, w);
    }
    if (w.count >= limitPerMinute()) return { ok: false, retryAfterSec: Math.max(1, Math.ceil((minute + 60_000 - t) / 1000)) };
    w.count++;
    return { ok: true };
  };
}
