import { describe, expect, it } from "vitest";
import { toVerificationDto } from "./verification";

describe("toVerificationDto", () => {
  it("maps the single-chain verdict", () => {
    expect(toVerificationDto({ ok: true, rows: 12 })).toEqual({ ok: true, checked: 12, firstBadId: null, reason: null });
    expect(toVerificationDto({ ok: false, rows: 3, brokenAt: "42", reason: "hash mismatch" })).toEqual({ ok: false, checked: 3, firstBadId: "42", reason: "hash mismatch" });
  });
  it("maps the sharded-chain verdict, keeping a warning as the reason", () => {
    expect(toVerificationDto({ ok: false, checked: 9, firstBadId: "7", reason: "forged" })).toEqual({ ok: false, checked: 9, firstBadId: "7", reason: "forged" });
    expect(toVerificationDto({ ok: true, checked: 9, warning: "no signed checkpoint yet" })).toEqual({ ok: true, checked: 9, firstBadId: null, reason: "no signed checkpoint yet" });
  });
});
