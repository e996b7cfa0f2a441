import { describe, expect, it } from "vitest";
import { checkAcknowledge, checkReopen, checkResolve, checkUpdateTransition, INCIDENT_STATUSES, nextStatuses, OPEN_STATUSES } from "./state-machine";

describe("incident status machine", () => {
  it("allows every move between open statuses, forward and back", () => {
    for (const from of OPEN_STATUSES) for (const to of OPEN_STATUSES) expect(checkUpdateTransition(from, to), `${from} → ${to}`).toEqual({ ok: true });
  });

  it("allows an update without a status change while open", () => {
    for (const from of OPEN_STATUSES) expect(checkUpdateTransition(from, undefined)).toEqual({ ok: true });
  });

  it("never reaches Resolved through an update", () => {
    for (const from of OPEN_STATUSES) expect(checkUpdateTransition(from, "Resolved")).toMatchObject({ ok: false, field: "status", reason: expect.stringMatching(/resolution note/) });
  });

  it("refuses any update to a resolved incident (reopen first)", () => {
    for (const to of [...INCIDENT_STATUSES, undefined]) expect(checkUpdateTransition("Resolved", to)).toMatchObject({ ok: false, reason: expect.stringMatching(/reopen/) });
  });

  it("resolves an open incident only with a non-blank note", () => {
    for (const from of OPEN_STATUSES) {
      expect(checkResolve(from, "Failed over to the replica")).toEqual({ ok: true });
      for (const note of ["", "   \n ", null, undefined]) expect(checkResolve(from, note)).toMatchObject({ ok: false, field: "resolution" });
    }
    expect(checkResolve("Resolved", "again")).toMatchObject({ ok: false, field: "status" });
  });

  it("lets only the commander or an ARCHITECT reopen, and only a resolved incident", () => {
    const resolved = { status: "Resolved" as const, commanderId: "cmd" };
    expect(checkReopen(resolved, { id: "cmd", role: "SRE" })).toEqual({ ok: true });
    expect(checkReopen(resolved, { id: "someone", role: "ARCHITECT" })).toEqual({ ok: true });
    expect(checkReopen(resolved, { id: "other", role: "SRE" })).toMatchObject({ ok: false, forbidden: true });
    expect(checkReopen({ status: "Resolved", commanderId: null }, { id: "other", role: "DBA" })).toMatchObject({ ok: false, forbidden: true });
    expect(checkReopen({ status: "Fixing", commanderId: "cmd" }, { id: "cmd", role: "SRE" })).toMatchObject({ ok: false, field: "status" });
  });

  it("acknowledges once; a second acknowledgement is a no-op; never after resolve", () => {
    expect(checkAcknowledge({ status: "Investigating", acknowledgedAt: null })).toEqual({ ok: true });
    expect(checkAcknowledge({ status: "Fixing", acknowledgedAt: new Date() })).toEqual({ ok: true, already: true });
    expect(checkAcknowledge({ status: "Resolved", acknowledgedAt: null })).toMatchObject({ ok: false });
  });

  it("offers the open statuses to an update form, nothing once resolved", () => {
    expect(nextStatuses("Identified")).toEqual(["Investigating", "Identified", "Fixing"]);
    expect(nextStatuses("Resolved")).toEqual([]);
  });
});
