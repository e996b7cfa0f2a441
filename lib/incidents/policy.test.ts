import { describe, expect, it } from "vitest";
import { incidentPolicy } from "./policy";

describe("incidentPolicy", () => {
  const resolved = { status: "Resolved" as const, commanderId: "cmd" };
  const open = { status: "Fixing" as const, commanderId: "cmd" };

  it("lets the commander and incidents.reopen_any (ARCHITECT) reopen, and tells the others why not", () => {
    expect(incidentPolicy({ id: "cmd", role: "SRE" }, resolved)).toMatchObject({ reopen: true, reopenRefusal: null, update: false, resolve: false });
    expect(incidentPolicy({ id: "a", role: "ARCHITECT" }, resolved).reopen).toBe(true);
    const other = incidentPolicy({ id: "x", role: "SRE" }, resolved);
    expect(other.reopen).toBe(false);
    expect(other.reopenRefusal).toMatch(/commander or an ARCHITECT/);
    expect(incidentPolicy({ id: "cmd", role: "VIEWER" }, resolved)).toMatchObject({ reopen: false, reopenRefusal: "Your role (VIEWER) may not reopen incidents" });
  });

  it("offers update and resolve on open incidents to engineers only", () => {
    expect(incidentPolicy({ id: "x", role: "DBA" }, open)).toMatchObject({ update: true, resolve: true, acknowledge: true, reopen: false, reopenRefusal: null });
    expect(incidentPolicy({ id: "v", role: "VIEWER" }, open)).toMatchObject({ update: false, resolve: false, acknowledge: false });
  });
});
