import { describe, expect, it } from "vitest";
import { signAckToken, verifyAckToken } from "./ack-link";

const secret = "test-secret-0123456789";
const now = new Date("2026-03-01T10:00:00.000Z");
const expiresAt = new Date(now.getTime() + 60_000);

describe("ack link tokens", () => {
  it("a valid token yields its claims until 1 ms before expiry", () => {
    const t = signAckToken(secret, { incidentId: "inc1", userId: "u1", expiresAt, nonce: "n1" });
    expect(verifyAckToken(secret, t, new Date(expiresAt.getTime() - 1))).toEqual({ ok: true, claims: { incidentId: "inc1", userId: "u1", expiresAt, nonce: "n1" } });
    expect(verifyAckToken(secret, t, expiresAt)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses another secret, changed claims and garbage", () => {
    const t = signAckToken(secret, { incidentId: "inc1", userId: "u1", expiresAt });
    expect(verifyAckToken("another-secret-0123456", t, now)).toEqual({ ok: false, reason: "tampered" });
    const [, sig] = t.split(".");
    const forged = Buffer.from(JSON.stringify({ i: "inc1", u: "someone-else", e: expiresAt.getTime(), n: "x" })).toString("base64url");
    expect(verifyAckToken(secret, `${forged}.${sig}`, now)).toEqual({ ok: false, reason: "tampered" });
    expect(verifyAckToken(secret, "nonsense", now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyAckToken(secret, `${t}.x`, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("two links for the same page differ (fresh nonce)", () => {
    const a = signAckToken(secret, { incidentId: "inc1", userId: "u1", expiresAt });
    const b = signAckToken(secret, { incidentId: "inc1", userId: "u1", expiresAt });
    expect(a).not.toEqual(b);
  });
});
