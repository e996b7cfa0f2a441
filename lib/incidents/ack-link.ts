import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signed one-click acknowledge links (issue 13): `<claims>.<mac>`, both
 * base64url; claims = {i: incident id, u: user id, e: expiry (ms), n: nonce};
 * mac = HMAC-SHA256 over "opsgate-ack:" + claims with the app secret. The
 * link proves who it was sent to; it is single-use through its nonce
 * (AckLinkUse), which the command records in the acknowledging transaction.
 * Pure: the secret and the clock are parameters.
 */
export type AckClaims = { incidentId: string; userId: string; expiresAt: Date; nonce: string };

export type AckVerdict = { ok: true; claims: AckClaims } | { ok: false; reason: "malformed" | "tampered" | "expired" };

/** How long a page's link stays valid. */
export const ACK_LINK_TTL_MS = 24 * 60 * 60_000;

const mac = (secret: string, claims: string) => createHmac("sha256", secret).update(`opsgate-ack:${claims}`).digest();

export function signAckToken(secret: string, c: { incidentId: string; userId: string; expiresAt: Date; nonce?: string }): string {
  const claims = Buffer.from(JSON.stringify({ i: c.incidentId, u: c.userId, e: c.expiresAt.getTime(), n: c.nonce ?? randomBytes(12).toString("base64url") })).toString("base64url");
  return `${claims}.${mac(secret, claims).toString("base64url")}`;
}

export function verifyAckToken(secret: string, token: string, now: Date): AckVerdict {
  if (typeof token !== "string" || token.length > 600) return { ok: false, reason: "malformed" };
  const [claims, sig, ...rest] = token.split(".");
  if (!claims || !sig || rest.length) return { ok: false, reason: "malformed" };
  const given = Buffer.from(sig, "base64url");
  const want = mac(secret, claims);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: "tampered" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(claims, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const p = parsed as { i?: unknown; u?: unknown; e?: unknown; n?: unknown };
  if (typeof p.i !== "string" || typeof p.u !== "string" || typeof p.e !== "number" || typeof p.n !== "string") return { ok: false, reason: "malformed" };
  if (now.getTime() >= p.e) return { ok: false, reason: "expired" };
  return { ok: true, claims: { incidentId: p.i, userId: p.u, expiresAt: new Date(p.e), nonce: p.n } };
}

/** The path of the confirm page for a token. */
export const ackLinkPath = (token: string) => `/ack/${token}`;
