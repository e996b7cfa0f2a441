import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's replay window: a request whose timestamp is further than this from now is refused. */
export const SLACK_TOLERANCE_MS = 5 * 60_000;

export type SlackVerdict = { ok: true } | { ok: false; reason: "missing" | "stale" | "bad_signature" };

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret (Slack's v0 scheme). */
export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/**
 * Verifies X-Slack-Signature / X-Slack-Request-Timestamp against the raw body
 * (before any parsing: a re-serialised body would not match). Pure: `now` is
 * injected. Compared in constant time; a malformed header is a bad signature.
 */
export function verifySlackRequest(
  { secret, timestamp, signature, rawBody }: { secret: string; timestamp: string | null; signature: string | null; rawBody: string },
  now: Date,
): SlackVerdict {
  if (!secret || !timestamp || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "stale" };
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > SLACK_TOLERANCE_MS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  return { ok: true };
}
