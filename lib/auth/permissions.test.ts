import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { assertCan, can, DEFAULT_ROLE, ONCALL_ROLES, PERMISSIONS, permissionPhrase, ROLES, rolesWith } from "./permissions";

describe("permissions", () => {
  it("lets only ARCHITECT manage components, rotations, users and read the audit log", () => {
    for (const p of ["components.create", "components.update", "rotations.manage", "escalation.manage", "rotations.delete", "users.manage", "audit.read"] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(["ARCHITECT"]);
    }
  });

  it("lets every engineer role file changes and declare incidents, never a VIEWER", () => {
    for (const p of ["changes.create", "incidents.declare", "maintenance.create"] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(["ARCHITECT", "SYSADMIN", "NETWORK", "DBA", "SRE", "AUTOMATION"]);
    }
  });

  it("gives a VIEWER nothing that mutates shared data", () => {
    const viewerCan = (Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]).filter((p) => can("VIEWER", p));
    expect(viewerCan.sort()).toEqual(["contacts.manage", "kpis.read", "notifications.read", "postmortems.read", "tokens.manage"]);
  });

  it("keeps every exception to record-level rules (the *_any / *_others permissions) with ARCHITECT alone", () => {
    for (const p of ["changes.approve_any", "changes.approve_structural", "changes.manage_any", "changes.override_freeze", "incidents.reopen_any", "overrides.manage_others", "postmortems.publish_any", "swaps.manage_others"] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(["ARCHITECT"]);
    }
  });

  it("puts every engineer role, never a VIEWER, on call (rolesWith feeds the query filters)", () => {
    expect(rolesWith("oncall.serve")).toEqual(["ARCHITECT", "SYSADMIN", "NETWORK", "DBA", "SRE", "AUTOMATION"]);
    expect(ONCALL_ROLES.primary).not.toBe(ONCALL_ROLES.secondary);
    expect(can(DEFAULT_ROLE, "changes.create")).toBe(false);
  });

  it("assertCan throws a ForbiddenError naming the role", () => {
    expect(() => assertCan({ role: "VIEWER" }, "changes.create")).toThrow(ForbiddenError);
    expect(() => assertCan({ role: "VIEWER" }, "changes.create")).toThrow(/VIEWER/);
    expect(() => assertCan({ role: "SRE" }, "changes.create")).not.toThrow();
  });

  it("refusals name the permission in words, never the raw key (issue 16)", () => {
    expect(() => assertCan({ role: "VIEWER" }, "changes.create")).toThrow("Your role (VIEWER) may not file change requests");
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      const phrase = permissionPhrase(p);
      expect(phrase, p).not.toMatch(/[._:]/);
      expect(phrase.length, p).toBeGreaterThan(3);
    }
  });
});
