/** First retry waits about this long; each further failure doubles it. */
export const BACKOFF_BASE_MS = 10_000;
/** No retry waits longer than this. */
export const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * Delay before the next try after `attempts` failed tries (≥ 1):
 * 10 s · 2^(attempts − 1), capped at 1 h, with "equal jitter" (uniform in
 * [d/2, d]) so instances that failed together do not retry in lockstep.
 * `random` is injected (a number in [0, 1)) so tests are deterministic.
 */
export function backoffMs(attempts: number, random: number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^40 already exceeds any sane cap; clamping the exponent avoids Infinity.
  const full = Math.min(cap, base * 2 ** Math.min(n - 1, 40));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(full / 2 + (full / 2) * r);
}

export type FailureOutcome = { status: "failed" } | { status: "pending"; nextAttemptAt: Date };

/** What a failed try leads to: another try later, or `failed` once `attempts` reaches `maxAttempts`. */
export function afterFailure(attempts: number, maxAttempts: number, now: Date, random: number): FailureOutcome {
  if (attempts >= maxAttempts) return { status: "failed" };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, random)) };
}
