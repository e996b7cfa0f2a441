import { describe, expect, it } from "vitest";
import { DELETE as deleteRotationRoute } from "../../app/api/v1/rotations/[id]/route";
import { PATCH as patchUser } from "../../app/api/v1/users/[id]/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { ForbiddenError, GateBlockedError, NotFoundError } from "../../lib/errors";
import { createCalendarToken } from "../../lib/oncall/calendar";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { createOverride, deleteOverride } from "../../lib/oncall/overrides";
import { getOnCallNow, getRotationBoard, whoIsOnCall } from "../../lib/oncall/queries";
import { createRotation, deleteRotation, updateRotation } from "../../lib/oncall/rotations";
import { changeUserRole, setUserActive } from "../../lib/users/commands";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

/*
 * Issue 13: gaps in the primary rotation are refused (lib/oncall/coverage.ts),
 * and nobody deactivated is ever on call. This file's database has no other
 * SRE rotation, so the one created first is the primary.
 * Daily 09:00 UTC from 2030-01-01 with [a, b, c]: b holds 01-02, 01-05, 01-08, 01-11, 01-14, …
 */
const NOW = new Date("2030-01-01T10:00:00Z");
const DAY = 86_400_000;
const bShift = (k: number) => ({ startsAt: new Date(Date.UTC(2030, 0, 2 + 3 * k, 9)), endsAt: new Date(Date.UTC(2030, 0, 3 + 3 * k, 9)) });

/** Each test starts without rotations, so the one it creates is the primary. */
async function setup() {
  await db.rotation.deleteMany({});
  const architect = await createUser("ARCHITECT");
  const [a, b, c] = [await createUser("SRE", { name: `Alice ${uid()}` }), await createUser("SRE", { name: `Bob ${uid()}` }), await createUser("SRE", { name: `Cleo ${uid()}` })];
  const primary = await createRotation({ actor: architect, input: { name: `Primary ${uid()}`, role: "SRE", anchorAt: "2030-01-01", memberIds: [a.id, b.id, c.id] } });
  return { architect, a, b, c, primary };
}

describe("gaps in the primary rotation", () => {
  it("deactivating a primary member with uncovered shifts is refused, naming the first gap; nothing changes", async () => {
    const { architect, b, primary } = await setup();
    const attempt = setUserActive({ actor: architect, input: { id: b.id, active: false }, now: NOW });
    await expect(attempt).rejects.toBeInstanceOf(GateBlockedError);
    await expect(setUserActive({ actor: architect, input: { id: b.id, active: false }, now: NOW })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(new RegExp(`primary rotation "${primary.name}" would have nobody on call 2030-01-02 09:00 UTC – 2030-01-03 09:00 UTC \\(and \\d+ more\\) because Bob`)),
      fields: { active: expect.any(String) },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: b.id } })).active).toBe(true);
    expect(await auditCount("User", b.id, "user.deactivated")).toBe(0);

    // over the API: 422 gate_blocked with the field
    const { secret } = await createApiToken({ actor: architect, input: { name: "t" } });
    const res = await patchUser(
      new Request(`http://localhost/api/v1/users/${b.id}`, { method: "PATCH", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify({ active: false }) }),
      { params: Promise.resolve({ id: b.id }) },
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({ code: "gate_blocked", fields: { active: expect.stringMatching(/Bob/) } });

    // a role that may not be on call leaves the same gaps: refused too
    await expect(changeUserRole({ actor: architect, input: { id: b.id, role: "VIEWER" }, now: NOW })).rejects.toMatchObject({ status: 422, fields: { role: expect.any(String) } });
    // another engineer role keeps them on call: allowed
    await changeUserRole({ actor: architect, input: { id: b.id, role: "DBA" }, now: NOW });
  });

  it("overrides covering every shift in the checked horizon let the deactivation pass; then whoIsOnCall, oncall/now and paging pick nobody for the later shifts", async () => {
    const { architect, b, c, primary } = await setup();
    // horizon = max(14 days, 4 shifts) from NOW: b's shifts starting 01-02, 01-05, 01-08, 01-11, 01-14
    const overrides = [];
    for (let k = 0; k < 5; k++) overrides.push(await createOverride({ actor: architect, input: { rotationId: primary.id, userId: c.id, ...bShift(k), reason: "covering Bob" }, now: NOW }));
    await setUserActive({ actor: architect, input: { id: b.id, active: false }, now: NOW });
    expect(await auditCount("User", b.id, "user.deactivated")).toBe(1);

    // b's shift after the covered ones: a gap, nobody on call, nobody paged
    const later = new Date(bShift(5).startsAt.getTime() + 3_600_000);
    expect(await whoIsOnCall("SRE", later)).toBeNull();
    expect((await whoIsOnCall("SRE", new Date(bShift(0).startsAt.getTime() + 1)))?.id).toBe(c.id);
    const now = await getOnCallNow(later);
    expect(now.primary).toBeNull();
    expect(now.rotations.find((r) => r.id === primary.id)).toMatchObject({ current: null, error: expect.stringMatching(/deactivated/), nextHandoffAt: bShift(5).endsAt.toISOString() });
    const sre = await createUser("SRE");
    const component = await createComponent("NETWORK");
    const incident = await declareIncident({ actor: sre, input: { title: `Gap ${uid()}`, severity: "P2", impact: "x", componentIds: [component.id], currentAction: "y" }, now: later });
    const page1 = await db.escalationPage.findFirstOrThrow({ where: { incidentId: (incident as { id: string }).id, level: 1 } });
    expect(page1.userId).toBeNull();
    expect(page1.userId).not.toBe(b.id);

    // the board shows the gap after the overrides
    const board = await getRotationBoard(new Date(bShift(4).endsAt.getTime() - DAY));
    expect(board.rotations.find((r) => r.id === primary.id)!.gaps[0]).toMatchObject({ start: bShift(5).startsAt.toISOString(), reason: "deactivated user" });

    // removing an override that covers one of those shifts would open a gap: refused, kept
    await expect(deleteOverride({ actor: architect, input: { id: overrides[1].id }, now: NOW })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/2030-01-05 09:00 UTC – 2030-01-06 09:00 UTC/) });
    expect(await db.rotationOverride.count({ where: { id: overrides[1].id } })).toBe(1);
    // an edit that creates no new gap passes although a gap exists further ahead
    await updateRotation({ actor: architect, input: { id: primary.id, name: `${primary.name} (renamed)` }, now: NOW });
    // removing the deactivated member from the rotation is always allowed
    await updateRotation({ actor: architect, input: { id: primary.id, memberIds: [primary.members[0].user.id, c.id] }, now: NOW });
  });

  it("changing the primary rotation's role away leaves no primary rotation: refused; a non-primary rotation may have gaps", async () => {
    const { architect, primary } = await setup();
    await expect(updateRotation({ actor: architect, input: { id: primary.id, role: "DBA" }, now: NOW })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/no primary \(SRE\) rotation/) });
    expect((await db.rotation.findUniqueOrThrow({ where: { id: primary.id } })).role).toBe("SRE");
    // DBA rotation: deactivating its member is allowed and shown as a gap
    const [d1, d2] = [await createUser("DBA"), await createUser("DBA")];
    const dba = await createRotation({ actor: architect, input: { name: `DBA ${uid()}`, role: "DBA", anchorAt: "2030-01-01", memberIds: [d1.id, d2.id] } });
    await setUserActive({ actor: architect, input: { id: d2.id, active: false }, now: NOW });
    expect((await getRotationBoard(NOW)).rotations.find((r) => r.id === dba.id)!.gaps.length).toBeGreaterThan(0);
    expect(await whoIsOnCall("DBA", new Date("2030-01-02T12:00:00Z"))).toBeNull();
  });
});

describe("deleting a rotation", () => {
  it("ARCHITECT deletes a rotation with its members, overrides and swaps, audited; feeds revoked; others are refused", async () => {
    const { architect, a, primary } = await setup();
    const [d1, d2] = [await createUser("DBA"), await createUser("DBA")];
    const dba = await createRotation({ actor: architect, input: { name: `DBA ${uid()}`, role: "DBA", anchorAt: "2030-01-01", memberIds: [d1.id, d2.id] } });
    await createOverride({ actor: architect, input: { rotationId: dba.id, userId: d2.id, startsAt: "2030-01-01T12:00:00Z", endsAt: "2030-01-01T13:00:00Z" }, now: NOW });
    const feed = await createCalendarToken({ actor: d1, input: { rotationId: dba.id } });
    for (const role of ["SRE", "DBA", "VIEWER"] as const) {
      const actor = await createUser(role);
      await expect(deleteRotation({ actor, input: { id: dba.id }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.rotation.count({ where: { id: dba.id } })).toBe(1);
    expect(await deleteRotation({ actor: architect, input: { id: dba.id }, now: NOW })).toEqual({ id: dba.id });
    expect(await db.rotation.count({ where: { id: dba.id } })).toBe(0);
    expect(await db.rotationOverride.count({ where: { rotationId: dba.id } })).toBe(0);
    expect(await db.rotationMember.count({ where: { rotationId: dba.id } })).toBe(0);
    expect((await db.calendarToken.findUniqueOrThrow({ where: { id: (feed as { id: string }).id } })).revokedAt).not.toBeNull();
    const row = await db.auditLog.findFirstOrThrow({ where: { entity: "Rotation", entityId: dba.id, action: "rotation.deleted" } });
    expect(row.data).toMatchObject({ name: dba.name, members: [d1.id, d2.id], overrides: 1 });
    await expect(deleteRotation({ actor: architect, input: { id: dba.id }, now: NOW })).rejects.toBeInstanceOf(NotFoundError);

    // the primary: refused while nothing else covers level 1 …
    await expect(deleteRotation({ actor: architect, input: { id: primary.id }, now: NOW })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/no primary \(SRE\) rotation/) });
    expect(await db.rotation.count({ where: { id: primary.id } })).toBe(1);
    // … allowed once another SRE rotation takes over with no gaps
    const next = await createRotation({ actor: architect, input: { name: `Next ${uid()}`, role: "SRE", anchorAt: "2030-01-01", memberIds: [a.id] } });
    await deleteRotation({ actor: architect, input: { id: primary.id }, now: NOW });
    expect((await getOnCallNow(NOW)).rotations.map((r) => r.id)).toEqual([next.id]);
    expect((await whoIsOnCall("SRE", NOW))?.id).toBe(a.id);
  });

  it("DELETE /api/v1/rotations/{id}: 403 for an SRE, 200 for ARCHITECT", async () => {
    const { architect } = await setup();
    const [d1] = [await createUser("DBA")];
    const dba = await createRotation({ actor: architect, input: { name: `DBA ${uid()}`, role: "DBA", anchorAt: "2030-01-01", memberIds: [d1.id] } });
    const call = async (actor: Actor) => {
      const { secret } = await createApiToken({ actor, input: { name: "t" } });
      return deleteRotationRoute(new Request(`http://localhost/api/v1/rotations/${dba.id}`, { method: "DELETE", headers: { authorization: `Bearer ${secret}` } }), { params: Promise.resolve({ id: dba.id }) });
    };
    expect((await call(await createUser("SRE"))).status).toBe(403);
    expect(await db.rotation.count({ where: { id: dba.id } })).toBe(1);
    expect((await call(architect)).status).toBe(200);
    expect(await db.rotation.count({ where: { id: dba.id } })).toBe(0);
  });
});
