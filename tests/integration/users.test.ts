import { describe, expect, it } from "vitest";
import { GET as listRoute, POST as inviteRoute } from "../../app/api/v1/users/route";
import { PATCH as patchRoute } from "../../app/api/v1/users/[id]/route";
import { GET as tokensProbe } from "../../app/api/v1/rotations/route";
import { ROLES } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { alertsActor } from "../../lib/auth/system-actor";
import { createApiToken } from "../../lib/auth/tokens";
import { verifyPassword } from "../../lib/auth/password";
import { db } from "../../lib/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "../../lib/errors";
import { changeOwnPassword, changeUserRole, INVITE_TTL_MS, inviteUser, listUsers, peekPasswordLink, resetUserPassword, setPasswordFromLink, setUserActive, updateOwnProfile } from "../../lib/users/commands";
import { auditCount, createUser, uid } from "../support/factories";

const secretOf = (link: string | undefined) => link!.split("/set-password/")[1];
const params = (id: string) => ({ params: Promise.resolve({ id }) });
async function bearer(actor: Actor) {
  const { secret } = await createApiToken({ actor, input: { name: "t" } });
  return { authorization: `Bearer ${secret}`, "content-type": "application/json" };
}

describe("users", () => {
  it("invitation: link shown without SMTP, single use, audited; the user then has a password", async () => {
    const architect = await createUser("ARCHITECT");
    const email = `New-${uid()}@Example.com`;
    const { user, invitation } = await inviteUser({ actor: architect, input: { email, name: "New person", role: "SRE" } });
    expect(user).toMatchObject({ email: email.toLowerCase(), role: "SRE", status: "invited" });
    expect(invitation.emailed).toBe(false);
    expect(invitation.link).toMatch(/\/set-password\/[\w-]{40,}$/);
    expect(await auditCount("User", user.id, "user.invited")).toBe(1);
    const token = secretOf(invitation.link);
    expect(await peekPasswordLink(token)).toEqual({ email: email.toLowerCase() });

    await setPasswordFromLink({ input: { token, password: "correct horse battery" } });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash!, "correct horse battery")).toBe(true);
    expect(await auditCount("User", user.id, "user.invitation_accepted")).toBe(1);
    // single use
    await expect(setPasswordFromLink({ input: { token, password: "another long password" } })).rejects.toBeInstanceOf(ValidationError);
    expect(await peekPasswordLink(token)).toBeNull();
    const again = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(again.passwordHash).toBe(row.passwordHash);
  });

  it("invitation links expire; a new link voids the old one; a duplicate email is refused", async () => {
    const architect = await createUser("ARCHITECT");
    const t0 = new Date("2026-12-01T10:00:00Z");
    const email = `exp-${uid()}@example.com`;
    const { user, invitation } = await inviteUser({ actor: architect, input: { email, name: "Late", role: "DBA" }, now: t0 });
    const late = new Date(t0.getTime() + INVITE_TTL_MS + 1);
    await expect(setPasswordFromLink({ input: { token: secretOf(invitation.link), password: "long enough password" }, now: late })).rejects.toBeInstanceOf(ValidationError);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();

    const first = await resetUserPassword({ actor: architect, input: { id: user.id }, now: t0 });
    const second = await resetUserPassword({ actor: architect, input: { id: user.id }, now: t0 });
    await expect(setPasswordFromLink({ input: { token: secretOf(first.link), password: "long enough password" }, now: t0 })).rejects.toBeInstanceOf(ValidationError);
    await setPasswordFromLink({ input: { token: secretOf(second.link), password: "long enough password" }, now: t0 });

    await expect(inviteUser({ actor: architect, input: { email, name: "Dup", role: "DBA" } })).rejects.toBeInstanceOf(ConflictError);
    await expect(inviteUser({ actor: architect, input: { email: "not-an-email", name: "x".repeat(121), role: "ROOT" } })).rejects.toMatchObject({ fields: { email: expect.any(String), name: expect.any(String), role: expect.any(String) } });
  });

  it("every role but ARCHITECT is refused, directly and over HTTP, and nothing is written", async () => {
    const target = await createUser("SRE");
    for (const role of ROLES.filter((r) => r !== "ARCHITECT")) {
      const actor = await createUser(role);
      const email = `denied-${uid()}@example.com`;
      await expect(inviteUser({ actor, input: { email, name: "x", role: "ARCHITECT" } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(changeUserRole({ actor, input: { id: target.id, role: "ARCHITECT" } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setUserActive({ actor, input: { id: target.id, active: false } })).rejects.toBeInstanceOf(ForbiddenError);
      const res = await inviteRoute(new Request("http://localhost/api/v1/users", { method: "POST", headers: await bearer(actor), body: JSON.stringify({ email, name: "x", role: "ARCHITECT" }) }));
      expect(res.status).toBe(403);
      expect(await db.user.count({ where: { email } })).toBe(0);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("SRE");
  });

  it("deactivation refuses the user's API token on the very next request and ends sessions; reactivation restores", async () => {
    const architect = await createUser("ARCHITECT");
    const sre = await createUser("SRE");
    const headers = await bearer(sre);
    const probe = () => tokensProbe(new Request("http://localhost/api/v1/rotations", { headers }));
    expect((await probe()).status).toBe(200);
    const before = (await db.user.findUniqueOrThrow({ where: { id: sre.id } })).sessionVersion;
    const res = await patchRoute(new Request("http://localhost/api/v1/users/x", { method: "PATCH", headers: await bearer(architect), body: JSON.stringify({ active: false }) }), params(sre.id));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("deactivated");
    expect((await probe()).status).toBe(401);
    expect((await db.user.findUniqueOrThrow({ where: { id: sre.id } })).sessionVersion).toBeGreaterThan(before);
    expect(await auditCount("User", sre.id, "user.deactivated")).toBe(1);
    await setUserActive({ actor: architect, input: { id: sre.id, active: true } });
    expect((await probe()).status).toBe(200);
    expect(await auditCount("User", sre.id, "user.reactivated")).toBe(1);
  });

  it("the last active ARCHITECT cannot be demoted or deactivated", async () => {
    // this file's database has other ARCHITECTs: deactivate all but one
    const keep = await createUser("ARCHITECT");
    const others = await db.user.findMany({ where: { role: "ARCHITECT", active: true, id: { not: keep.id } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    try {
      await expect(changeUserRole({ actor: keep, input: { id: keep.id, role: "SRE" } })).rejects.toBeInstanceOf(ConflictError);
      await expect(setUserActive({ actor: keep, input: { id: keep.id, active: false } })).rejects.toBeInstanceOf(ConflictError);
      const res = await patchRoute(new Request("http://localhost/api/v1/users/x", { method: "PATCH", headers: await bearer(keep), body: JSON.stringify({ role: "VIEWER" }) }), params(keep.id));
      expect(res.status).toBe(409);
      expect((await db.user.findUniqueOrThrow({ where: { id: keep.id } })).role).toBe("ARCHITECT");
      // with a second one, the first can step down
      const second = await createUser("ARCHITECT");
      const demoted = await changeUserRole({ actor: second, input: { id: keep.id, role: "SRE" } });
      expect(demoted.role).toBe("SRE");
      expect(await auditCount("User", keep.id, "user.role_changed")).toBe(1);
      await expect(setUserActive({ actor: second, input: { id: second.id, active: false } })).rejects.toBeInstanceOf(ConflictError);
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
    }
  });

  it("lists people with status and hides the alerts system user", async () => {
    const architect = await createUser("ARCHITECT");
    const system = await alertsActor();
    const res = await listRoute(new Request("http://localhost/api/v1/users", { headers: await bearer(architect) }));
    const { data } = (await res.json()) as { data: { id: string; status: string; lastSignInAt: string | null }[] };
    expect(data.some((u) => u.id === architect.id)).toBe(true);
    expect(data.some((u) => u.id === system.id)).toBe(false);
    expect((await listUsers(architect)).find((u) => u.id === architect.id)).toMatchObject({ lastSignInAt: null });
  });

  it("self-service: own name, and own password with the current one", async () => {
    const me = await createUser("DBA");
    const updated = await updateOwnProfile({ actor: me, input: { name: "  Renamed  " } });
    expect(updated.name).toBe("Renamed");
    expect(await auditCount("User", me.id, "user.profile_updated")).toBe(1);
    await changeOwnPassword({ actor: me, input: { newPassword: "first password here" } });
    await expect(changeOwnPassword({ actor: me, input: { currentPassword: "wrong", newPassword: "second password here" } })).rejects.toMatchObject({ fields: { currentPassword: expect.any(String) } });
    await changeOwnPassword({ actor: me, input: { currentPassword: "first password here", newPassword: "second password here" } });
    const row = await db.user.findUniqueOrThrow({ where: { id: me.id } });
    expect(await verifyPassword(row.passwordHash!, "second password here")).toBe(true);
    expect(await auditCount("User", me.id, "user.password_changed")).toBe(2);
  });
});
