import { describe, expect, it } from "vitest";
import { DELETE as deleteOverrideRoute } from "../../app/api/v1/overrides/[id]/route";
import { GET as listOverridesRoute, POST as postOverride } from "../../app/api/v1/overrides/route";
import { GET as nowRoute } from "../../app/api/v1/oncall/now/route";
import { GET as previewRoute } from "../../app/api/v1/oncall/preview/route";
import { PATCH as patchRotation } from "../../app/api/v1/rotations/[id]/route";
import { GET as listRotationsRoute, POST as postRotation } from "../../app/api/v1/rotations/route";
import { GET as icalRoute } from "../../app/ical/[token]/route";
import { ROLES, type Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { defaultPolicy } from "../../lib/oncall/policy";
import { ConflictError, ForbiddenError, ValidationError } from "../../lib/errors";
import nodeIcal from "node-ical";
import { buildCalendarFeed, createCalendarToken, revokeCalendarToken } from "../../lib/oncall/calendar";
import { createOverride, deleteOverride } from "../../lib/oncall/overrides";
import { getEscalationPreview, getOnCallNow, loadRotations, whoIsOnCall } from "../../lib/oncall/queries";
import { onCallAt } from "../../lib/oncall/schedule";
import { createRotation, updateRotation } from "../../lib/oncall/rotations";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

const H = 3_600_000;
const future = (hours: number) => new Date(Date.now() + hours * H);

async function bearer(actor: Actor) {
  const { secret } = await createApiToken({ actor, input: { name: "t" } });
  return { authorization: `Bearer ${secret}`, "content-type": "application/json" };
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function newRotation(role: Role = "NETWORK", members?: Actor[]) {
  const architect = await createUser("ARCHITECT");
  const people = members ?? [await createUser(role), await createUser(role)];
  const rotation = await createRotation({
    actor: architect,
    input: { name: `Rot ${uid()}`, role, anchorAt: "2026-01-01T00:00:00Z", memberIds: people.map((p) => p.id) },
  });
  return { architect, people, rotation };
}

describe("rotations", () => {
  it("ARCHITECT creates and edits a rotation; each write is audited", async () => {
    const { architect, people, rotation } = await newRotation("DBA");
    expect(rotation).toMatchObject({ role: "DBA", shiftMinutes: 1440, handoffMinuteUtc: 540, anchorAt: "2026-01-01T00:00:00.000Z" });
    expect(rotation.members.map((m) => m.user.id)).toEqual(people.map((p) => p.id));
    expect(await auditCount("Rotation", rotation.id, "rotation.created")).toBe(1);

    const updated = await updateRotation({ actor: architect, input: { id: rotation.id, handoffMinuteUtc: "10:30", memberIds: [people[1].id, people[0].id] } });
    expect(updated.handoffMinuteUtc).toBe(630);
    expect(updated.members.map((m) => m.user.id)).toEqual([people[1].id, people[0].id]);
    expect(await auditCount("Rotation", rotation.id, "rotation.updated")).toBe(1);
  });

  it("every role but ARCHITECT is refused, and nothing is written", async () => {
    const member = await createUser("SRE");
    for (const role of ROLES.filter((r) => r !== "ARCHITECT")) {
      const actor = await createUser(role);
      const name = `Denied ${uid()}`;
      await expect(createRotation({ actor, input: { name, role: "SRE", anchorAt: "2026-01-01", memberIds: [member.id] } })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await db.rotation.count({ where: { name } })).toBe(0);
    }
    const { rotation } = await newRotation();
    const sre = await createUser("SRE");
    await expect(updateRotation({ actor: sre, input: { id: rotation.id, name: "Hijacked" } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditCount("Rotation", rotation.id, "rotation.updated")).toBe(0);
  });

  it("validates input: members required, no viewers, no duplicates, handoff HH:MM", async () => {
    const architect = await createUser("ARCHITECT");
    const viewer = await createUser("VIEWER");
    const sre = await createUser("SRE");
    await expect(createRotation({ actor: architect, input: { name: `X ${uid()}`, role: "SRE", anchorAt: "2026-01-01", memberIds: [] } })).rejects.toMatchObject({ fields: { memberIds: expect.any(String) } });
    await expect(createRotation({ actor: architect, input: { name: `X ${uid()}`, role: "SRE", anchorAt: "2026-01-01", memberIds: [viewer.id] } })).rejects.toBeInstanceOf(ValidationError);
    await expect(createRotation({ actor: architect, input: { name: `X ${uid()}`, role: "SRE", anchorAt: "2026-01-01", memberIds: [sre.id, sre.id] } })).rejects.toBeInstanceOf(ValidationError);
    await expect(createRotation({ actor: architect, input: { name: `X ${uid()}`, role: "SRE", anchorAt: "2026-01-01", memberIds: [sre.id], handoffMinuteUtc: "25:00" } })).rejects.toMatchObject({
      fields: { handoffMinuteUtc: expect.any(String) },
    });
  });

  it("API: POST 201 for ARCHITECT, 403 for SRE (nothing written), GET lists, PATCH edits", async () => {
    const architect = await createUser("ARCHITECT");
    const sre = await createUser("SRE");
    const member = await createUser("SYSADMIN");
    const name = `API ${uid()}`;
    const body = JSON.stringify({ name, role: "SYSADMIN", anchorAt: "2026-01-01T00:00:00Z", memberIds: [member.id] });
    const denied = await postRotation(new Request("http://t/api/v1/rotations", { method: "POST", headers: await bearer(sre), body }));
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe("forbidden");
    expect(await db.rotation.count({ where: { name } })).toBe(0);
    const created = await postRotation(new Request("http://t/api/v1/rotations", { method: "POST", headers: await bearer(architect), body }));
    expect(created.status).toBe(201);
    const rot = await created.json();
    const list = await listRotationsRoute(new Request("http://t/api/v1/rotations?limit=100", { headers: await bearer(sre) }));
    expect((await list.json()).data.map((r: { id: string }) => r.id)).toContain(rot.id);
    const patched = await patchRotation(new Request(`http://t/api/v1/rotations/${rot.id}`, { method: "PATCH", headers: await bearer(architect), body: JSON.stringify({ shiftMinutes: 720 }) }), params(rot.id));
    expect(patched.status).toBe(200);
    expect((await patched.json()).shiftMinutes).toBe(720);
    const bad = await patchRotation(new Request(`http://t/api/v1/rotations/${rot.id}`, { method: "PATCH", headers: await bearer(architect), body: JSON.stringify({ shiftMinutes: 5 }) }), params(rot.id));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.shiftMinutes).toBeTruthy();
  });
});

describe("overrides", () => {
  it("an engineer covers for themselves; the override changes who is on call for that range; audited", async () => {
    const { rotation, people } = await newRotation("NETWORK");
    const me = people[1];
    const o = await createOverride({ actor: me, input: { rotationId: rotation.id, startsAt: future(10), endsAt: future(12), reason: "swap" } });
    expect(o.userId).toBe(me.id);
    expect(await auditCount("RotationOverride", o.id, "override.created")).toBe(1);
    const [loaded] = await loadRotations(db, { ids: [rotation.id], from: future(0), to: future(24) });
    const at = (h: number) => onCallAt(loaded, loaded.overrides, future(h));
    expect(at(11)).toMatchObject({ ok: true, userId: me.id, source: "override" });
    expect(at(12.5)).toMatchObject({ ok: true, source: "rotation" });
  });

  it("a non-architect may not cover for someone else; a viewer may not cover at all; nothing written", async () => {
    const { rotation, people } = await newRotation("NETWORK");
    const sre = await createUser("SRE");
    await expect(createOverride({ actor: sre, input: { rotationId: rotation.id, userId: people[0].id, startsAt: future(1), endsAt: future(2) } })).rejects.toBeInstanceOf(ForbiddenError);
    const viewer = await createUser("VIEWER");
    await expect(createOverride({ actor: viewer, input: { rotationId: rotation.id, startsAt: future(1), endsAt: future(2) } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.rotationOverride.count({ where: { rotationId: rotation.id } })).toBe(0);
    const architect = await createUser("ARCHITECT");
    const o = await createOverride({ actor: architect, input: { rotationId: rotation.id, userId: people[0].id, startsAt: future(1), endsAt: future(2) } });
    expect(o).toMatchObject({ userId: people[0].id, createdById: architect.id });
  });

  it("refuses an end before the start and an overlap on the same rotation (touching is fine)", async () => {
    const { rotation, people } = await newRotation("NETWORK");
    const me = people[0];
    await expect(createOverride({ actor: me, input: { rotationId: rotation.id, startsAt: future(5), endsAt: future(4) } })).rejects.toMatchObject({ fields: { endsAt: "The end must be after the start" } });
    await createOverride({ actor: me, input: { rotationId: rotation.id, startsAt: future(10), endsAt: future(12) } });
    await expect(createOverride({ actor: me, input: { rotationId: rotation.id, startsAt: future(11), endsAt: future(13) } })).rejects.toBeInstanceOf(ConflictError);
    await createOverride({ actor: me, input: { rotationId: rotation.id, startsAt: future(12), endsAt: future(13) } });
    expect(await db.rotationOverride.count({ where: { rotationId: rotation.id } })).toBe(2);
  });

  it("concurrent overlapping overrides: exactly one wins", async () => {
    const { rotation, people } = await newRotation("NETWORK");
    const attempts = await Promise.allSettled(
      people.map((p) => createOverride({ actor: p, input: { rotationId: rotation.id, startsAt: future(30), endsAt: future(31) } })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    expect(await db.rotationOverride.count({ where: { rotationId: rotation.id } })).toBe(1);
  });

  it("delete: the covering person or ARCHITECT; others refused; API 403/200", async () => {
    const { rotation, people } = await newRotation("NETWORK");
    const o = await createOverride({ actor: people[0], input: { rotationId: rotation.id, startsAt: future(1), endsAt: future(2) } });
    const stranger = await createUser("DBA");
    await expect(deleteOverride({ actor: stranger, input: { id: o.id } })).rejects.toBeInstanceOf(ForbiddenError);
    const res = await deleteOverrideRoute(new Request(`http://t/api/v1/overrides/${o.id}`, { method: "DELETE", headers: await bearer(stranger) }), params(o.id));
    expect(res.status).toBe(403);
    expect(await db.rotationOverride.count({ where: { id: o.id } })).toBe(1);
    const ok = await deleteOverrideRoute(new Request(`http://t/api/v1/overrides/${o.id}`, { method: "DELETE", headers: await bearer(people[0]) }), params(o.id));
    expect(ok.status).toBe(200);
    expect(await auditCount("RotationOverride", o.id, "override.deleted")).toBe(1);
  });

  it("API: POST creates (201), overlaps are 409, GET lists by rotation", async () => {
    const { rotation, people } = await newRotation("NETWORK");
    const h = await bearer(people[0]);
    const body = (a: number, b: number) => JSON.stringify({ rotationId: rotation.id, startsAt: future(a).toISOString(), endsAt: future(b).toISOString() });
    expect((await postOverride(new Request("http://t/api/v1/overrides", { method: "POST", headers: h, body: body(3, 5) }))).status).toBe(201);
    const clash = await postOverride(new Request("http://t/api/v1/overrides", { method: "POST", headers: h, body: body(4, 6) }));
    expect(clash.status).toBe(409);
    const list = await (await listOverridesRoute(new Request(`http://t/api/v1/overrides?rotationId=${rotation.id}`, { headers: h }))).json();
    expect(list.data).toHaveLength(1);
    expect(list.data[0].user.id).toBe(people[0].id);
  });
});

describe("on call now, preview and iCalendar", () => {
  it("oncall/now answers in API.md's shape, primary = whoIsOnCall(SRE)", async () => {
    const now = new Date();
    const sre = await whoIsOnCall("SRE", now);
    const res = await nowRoute(new Request("http://t/api/v1/oncall/now", { headers: await bearer(await createUser("VIEWER")) }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toHaveProperty("primary");
    expect(body).toHaveProperty("secondary");
    expect(body).toHaveProperty("nextHandoffAt");
    expect(Array.isArray(body.rotations)).toBe(true);
    if (sre) expect(body.primary.id).toBe(sre.id);
    const direct = await getOnCallNow(now);
    expect(direct.rotations.length).toBeGreaterThan(0);
  });

  it("the preview evaluates each level at its own instant (handoff between levels)", async () => {
    // A component owned by AUTOMATION has its own test rotation; nothing else uses that role.
    const a = await createUser("AUTOMATION");
    const b = await createUser("AUTOMATION");
    const architect = await createUser("ARCHITECT");
    const existing = await db.rotation.findFirst({ where: { role: "AUTOMATION" } });
    const rotation = existing ?? (await createRotation({ actor: architect, input: { name: `Auto ${uid()}`, role: "AUTOMATION", anchorAt: "2026-01-01T00:00:00Z", memberIds: [a.id, b.id] } }));
    const component = await createComponent("AUTOMATION");
    // level 3 at +30 min crosses 09:00 UTC when declared at 08:45
    const declared = new Date("2026-06-10T08:45:00.000Z");
    const preview = await getEscalationPreview({ componentId: component.id, at: declared.toISOString() }, defaultPolicy([15 * 60_000, 30 * 60_000, 60 * 60_000]));
    const level3 = preview.steps.find((s) => s.level === 3)!;
    expect(level3).toMatchObject({ role: "AUTOMATION", at: "2026-06-10T09:15:00.000Z", rotation: { id: rotation.id } });
    expect(level3.user?.id).toBe((await whoIsOnCall("AUTOMATION", new Date("2026-06-10T09:15:00.000Z")))?.id);
    expect(level3.user?.id).not.toBe((await whoIsOnCall("AUTOMATION", declared))?.id);
    const api = await previewRoute(new Request(`http://t/api/v1/oncall/preview?componentId=${component.id}&at=${declared.toISOString()}`, { headers: await bearer(a) }));
    expect(api.status).toBe(200);
    expect((await api.json()).steps).toHaveLength(4);
  });

  it("a rotation feed is RFC 5545 and dies when its token is revoked", async () => {
    const { rotation, people } = await newRotation("NETWORK");
    const token = await createCalendarToken({ actor: people[0], input: { rotationId: rotation.id } });
    const ics = await buildCalendarFeed(token.secret);
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain(`On call: ${people[1].name}`);
    const res = await icalRoute(new Request(`http://t${token.path}`), { params: Promise.resolve({ token: `${token.secret}.ics` }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    // Issue 16: parsed by node-ical — shifts are free time (TRANSP), the first UID is stable across fetches, CRLF at the end, ETag/304
    const first = await buildCalendarFeed(token.secret, new Date("2026-12-02T10:00:00Z"));
    const later = await buildCalendarFeed(token.secret, new Date("2026-12-02T10:07:00Z"));
    expect(first!.endsWith("\r\n")).toBe(true);
    const vevents = (text: string) => Object.values(nodeIcal.sync.parseICS(text)).flatMap((v) => (v && v.type === "VEVENT" ? [v] : []));
    const a = vevents(first!);
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((e) => (e as unknown as { transparency: string }).transparency === "TRANSPARENT")).toBe(true);
    expect(vevents(later!).map((e) => e.uid)).toEqual(a.map((e) => e.uid));
    expect(later!.split("\r\n").filter((l, i) => l !== first!.split("\r\n")[i])).toEqual([]);
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"/);
    const again = await icalRoute(new Request(`http://t${token.path}`, { headers: { "if-none-match": `W/${etag}` } }), { params: Promise.resolve({ token: `${token.secret}.ics` }) });
    expect(again.status).toBe(304);
    await revokeCalendarToken({ actor: people[0], input: { id: token.id } });
    expect(await buildCalendarFeed(token.secret)).toBeNull();
    expect((await icalRoute(new Request(`http://t${token.path}`), { params: Promise.resolve({ token: `${token.secret}.ics` }) })).status).toBe(404);
    expect(await auditCount("CalendarToken", token.id)).toBe(2);
    // "my shifts" only lists the owner's shifts
    const mine = await createCalendarToken({ actor: people[0], input: {} });
    const myIcs = (await buildCalendarFeed(mine.secret))!;
    expect(myIcs).toContain(`On call: ${people[0].name}`);
    expect(myIcs).not.toContain(`On call: ${people[1].name}`);
    // someone else cannot revoke my token
    await expect(revokeCalendarToken({ actor: people[1], input: { id: mine.id } })).rejects.toThrow();
  });
});
