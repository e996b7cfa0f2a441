import { describe, expect, it } from "vitest";
import { POST as acceptRoute } from "../../app/api/v1/swaps/[id]/accept/route";
import { GET as listSwapsRoute, POST as postSwap } from "../../app/api/v1/swaps/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { ConflictError, ForbiddenError } from "../../lib/errors";
import { createOverride } from "../../lib/oncall/overrides";
import { loadRotations } from "../../lib/oncall/queries";
import { createRotation } from "../../lib/oncall/rotations";
import { onCallAt } from "../../lib/oncall/schedule";
import { acceptSwap, cancelSwap, declineSwap, proposeSwap } from "../../lib/oncall/swaps";
import { auditCount, createUser, uid } from "../support/factories";

// Daily 09:00 UTC from 2030-01-01: a holds 01-01 09:00 → 01-02 09:00, b 01-02 → 01-03, a 01-03 → 01-04 …
const NOW = new Date("2029-12-31T00:00:00Z");
const A1 = { startsAt: "2030-01-01T09:00:00Z", endsAt: "2030-01-02T09:00:00Z" };
const B1 = { returnStartsAt: "2030-01-02T09:00:00Z", returnEndsAt: "2030-01-03T09:00:00Z" };
const at = (iso: string) => new Date(iso);

async function team(role: "NETWORK" | "DBA" = "NETWORK") {
  const architect = await createUser("ARCHITECT");
  const [a, b] = [await createUser(role), await createUser(role)];
  const rotation = await createRotation({ actor: architect, input: { name: `Swap ${uid()}`, role, anchorAt: "2030-01-01", memberIds: [a.id, b.id] } });
  const whoAt = async (iso: string) => {
    const [loaded] = await loadRotations(db, { ids: [rotation.id], from: at("2029-12-01"), to: at("2030-02-01") });
    const res = onCallAt(loaded, loaded.overrides, at(iso));
    return res.ok ? res.userId : null;
  };
  return { architect, a, b, rotation, whoAt };
}

const inApp = (userId: string, event: string) => db.outboxMessage.count({ where: { channel: "in_app", target: userId, payload: { path: ["event"], equals: event } } });

describe("shift swaps", () => {
  it("a proposes a swap with an exchange, b accepts: two overrides, both audited, both notified", async () => {
    const { a, b, rotation, whoAt } = await team();
    const swap = await proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1, ...B1, message: "dentist" }, now: NOW });
    expect(swap).toMatchObject({ status: "pending", proposer: { id: a.id }, recipient: { id: b.id }, message: "dentist", overrideIds: [] });
    expect(await auditCount("ShiftSwap", swap.id, "swap.proposed")).toBe(1);
    expect(await inApp(b.id, "swap.proposed")).toBe(1);
    expect(await whoAt("2030-01-01T12:00:00Z")).toBe(a.id);

    const accepted = await acceptSwap({ actor: b, input: { id: swap.id }, now: NOW });
    expect(accepted.status).toBe("accepted");
    expect(accepted.overrideIds).toHaveLength(2);
    expect(await whoAt("2030-01-01T12:00:00Z")).toBe(b.id);
    expect(await whoAt("2030-01-02T12:00:00Z")).toBe(a.id);
    expect(await whoAt("2030-01-03T12:00:00Z")).toBe(a.id); // the next regular shift is untouched
    const overrides = await db.rotationOverride.findMany({ where: { id: { in: accepted.overrideIds } }, orderBy: { startsAt: "asc" } });
    expect(overrides.map((o) => [o.userId, o.startsAt.toISOString(), o.endsAt.toISOString()])).toEqual([
      [b.id, "2030-01-01T09:00:00.000Z", "2030-01-02T09:00:00.000Z"],
      [a.id, "2030-01-02T09:00:00.000Z", "2030-01-03T09:00:00.000Z"],
    ]);
    expect(await auditCount("ShiftSwap", swap.id, "swap.accepted")).toBe(1);
    for (const o of overrides) expect(await auditCount("RotationOverride", o.id, "override.created")).toBe(1);
    expect(await inApp(a.id, "swap.accepted")).toBe(1);

    // decided: a second answer is a conflict and writes nothing
    await expect(acceptSwap({ actor: b, input: { id: swap.id }, now: NOW })).rejects.toBeInstanceOf(ConflictError);
    await expect(cancelSwap({ actor: a, input: { id: swap.id }, now: NOW })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.rotationOverride.count({ where: { rotationId: rotation.id } })).toBe(2);
  });

  it("decline and cancel write no override; only the recipient answers, only the proposer (or ARCHITECT) cancels", async () => {
    const { architect, a, b, rotation, whoAt } = await team("DBA");
    const other = await createUser("DBA");
    const s1 = await proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1 }, now: NOW });
    await expect(acceptSwap({ actor: a, input: { id: s1.id }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acceptSwap({ actor: other, input: { id: s1.id }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acceptSwap({ actor: architect, input: { id: s1.id }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(cancelSwap({ actor: b, input: { id: s1.id }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditCount("ShiftSwap", s1.id)).toBe(1);
    expect(await declineSwap({ actor: b, input: { id: s1.id }, now: NOW })).toMatchObject({ status: "declined", overrideIds: [] });
    expect(await inApp(a.id, "swap.declined")).toBe(1);
    expect(await whoAt("2030-01-01T12:00:00Z")).toBe(a.id);

    const s2 = await proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1 }, now: NOW });
    expect(await cancelSwap({ actor: a, input: { id: s2.id }, now: NOW })).toMatchObject({ status: "cancelled" });
    expect(await inApp(b.id, "swap.cancelled")).toBe(1);
    const s3 = await proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1 }, now: NOW });
    expect(await cancelSwap({ actor: architect, input: { id: s3.id }, now: NOW })).toMatchObject({ status: "cancelled" });
    expect(await auditCount("ShiftSwap", s3.id, "swap.cancelled")).toBe(1);
    expect(await db.rotationOverride.count({ where: { rotationId: rotation.id } })).toBe(0);
  });

  it("refuses what is not one's own shift, a viewer, oneself, an overlap with a pending offer, and an ended shift", async () => {
    const { a, b, rotation } = await team();
    const viewer = await createUser("VIEWER");
    await expect(proposeSwap({ actor: viewer, input: { rotationId: rotation.id, recipientId: b.id, ...A1 }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, startsAt: B1.returnStartsAt, endsAt: B1.returnEndsAt }, now: NOW })).rejects.toMatchObject({
      fields: { startsAt: expect.stringMatching(/^You are not on call 2030-01-02 09:00/) },
    });
    await expect(proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1, returnStartsAt: "2030-01-03T09:00:00Z", returnEndsAt: "2030-01-04T09:00:00Z" }, now: NOW })).rejects.toMatchObject({
      fields: { returnStartsAt: expect.stringMatching(/^They are not on call/) },
    });
    await expect(proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: a.id, ...A1 }, now: NOW })).rejects.toMatchObject({ fields: { recipientId: expect.any(String) } });
    await expect(proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1, returnStartsAt: B1.returnStartsAt }, now: NOW })).rejects.toMatchObject({ fields: { returnEndsAt: expect.any(String) } });
    await expect(proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1, message: "x".repeat(501) }, now: NOW })).rejects.toMatchObject({ fields: { message: expect.any(String) } });
    await expect(proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1 }, now: at("2030-01-02T09:00:00Z") })).rejects.toMatchObject({ fields: { endsAt: expect.any(String) } });
    await proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1 }, now: NOW });
    await expect(proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, startsAt: "2030-01-01T12:00:00Z", endsAt: "2030-01-01T13:00:00Z" }, now: NOW })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.shiftSwap.count({ where: { rotationId: rotation.id } })).toBe(1);
  });

  it("accepting after the schedule changed (an override now covers the shift) or after the shift ended is refused, nothing written", async () => {
    const { architect, a, b, rotation } = await team();
    const swap = await proposeSwap({ actor: a, input: { rotationId: rotation.id, recipientId: b.id, ...A1 }, now: NOW });
    await expect(acceptSwap({ actor: b, input: { id: swap.id }, now: at(A1.endsAt) })).rejects.toBeInstanceOf(ConflictError);
    const carol = await createUser("NETWORK");
    await createOverride({ actor: architect, input: { rotationId: rotation.id, userId: carol.id, startsAt: "2030-01-01T20:00:00Z", endsAt: "2030-01-01T22:00:00Z" }, now: NOW });
    await expect(acceptSwap({ actor: b, input: { id: swap.id }, now: NOW })).rejects.toThrow(/schedule changed.*covered by an override/);
    expect(await db.shiftSwap.findUniqueOrThrow({ where: { id: swap.id } })).toMatchObject({ status: "pending", overrideIds: [] });
    expect(await db.rotationOverride.count({ where: { rotationId: rotation.id } })).toBe(1);
  });

  it("API: POST /swaps 201, 400 names the field, 403 for a viewer; accept 200; GET ?mine=true lists the caller's", async () => {
    const { a, b, rotation } = await team();
    const headers = async (actor: Actor) => ({ authorization: `Bearer ${(await createApiToken({ actor, input: { name: "t" } })).secret}`, "content-type": "application/json" });
    const post = async (actor: Actor, body: unknown) => postSwap(new Request("http://localhost/api/v1/swaps", { method: "POST", headers: await headers(actor), body: JSON.stringify(body) }));
    const bad = await post(a, { rotationId: rotation.id, recipientId: b.id, startsAt: "not a date", endsAt: A1.endsAt });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("startsAt");
    const viewer = await createUser("VIEWER");
    expect((await post(viewer, { rotationId: rotation.id, recipientId: b.id, ...A1 })).status).toBe(403);
    // a future shift of a's, relative to the real clock (the route uses now)
    const [loaded] = await loadRotations(db, { ids: [rotation.id], from: new Date(), to: new Date() });
    let start = Date.UTC(2030, 0, 1, 9);
    while (start < Date.now() || onCallAt(loaded, [], new Date(start)).ok === false || (onCallAt(loaded, [], new Date(start)) as { userId: string }).userId !== a.id) start += 86_400_000;
    const created = await post(a, { rotationId: rotation.id, recipientId: b.id, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 86_400_000).toISOString() });
    expect(created.status).toBe(201);
    const swap = (await created.json()) as { id: string; status: string };
    const res = await acceptRoute(new Request(`http://localhost/api/v1/swaps/${swap.id}/accept`, { method: "POST", headers: await headers(b) }), { params: Promise.resolve({ id: swap.id }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("accepted");
    const mine = await listSwapsRoute(new Request("http://localhost/api/v1/swaps?mine=true", { headers: await headers(b) }));
    const page = (await mine.json()) as { data: { id: string }[] };
    expect(page.data.map((s) => s.id)).toContain(swap.id);
    const none = await listSwapsRoute(new Request("http://localhost/api/v1/swaps?mine=true", { headers: await headers(viewer) }));
    expect(((await none.json()) as { data: unknown[] }).data).toEqual([]);
  });
});
