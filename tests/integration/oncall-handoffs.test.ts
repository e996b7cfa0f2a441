import { describe, expect, it } from "vitest";
import { POST as ackRoute } from "../../app/api/v1/handoffs/[id]/acknowledge/route";
import { GET as listRoute } from "../../app/api/v1/handoffs/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { ForbiddenError } from "../../lib/errors";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { pageDueLevels } from "../../lib/oncall/paging";
import { acknowledgeHandoff, runHandoffs } from "../../lib/oncall/handoffs";
import { createRotation } from "../../lib/oncall/rotations";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

/*
 * Issue 13: the handoff packet, with time injected into the job (no sleeping).
 * A DBA rotation, daily at 09:00 UTC from 2030-01-01: a, then b at 01-02 09:00, then a at 01-03 09:00.
 */
const T = (iso: string) => new Date(iso);
const HANDOFF = T("2030-01-02T09:00:00Z");
const plus = (min: number, base = HANDOFF) => new Date(base.getTime() + min * 60_000);
const inApp = (userId: string, event: string) => db.outboxMessage.count({ where: { channel: "in_app", target: userId, payload: { path: ["event"], equals: event } } });

describe("handoff packets", () => {
  it("the job writes one packet at the handoff, notifies the incoming on-call, reminds the outgoing after 30 min unless acknowledged", async () => {
    const architect = await createUser("ARCHITECT");
    const [a, b] = [await createUser("DBA", { name: `Ada ${uid()}` }), await createUser("DBA", { name: `Ben ${uid()}` })];
    const rotation = await createRotation({ actor: architect, input: { name: `DBA ${uid()}`, role: "DBA", anchorAt: "2030-01-01", memberIds: [a.id, b.id] } });
    // during a's shift: an incident on a DBA component, escalated to level 3 (the DBA on call: a)
    const component = await createComponent("DBA");
    const sre = await createUser("SRE");
    const incident = (await declareIncident({ actor: sre, input: { title: `Replica lag ${uid()}`, severity: "P2", impact: "slow reads", componentIds: [component.id], currentAction: "failing over" }, now: T("2030-01-02T08:00:00Z") })) as { id: string };
    await db.$transaction((tx) => pageDueLevels(tx, incident.id, T("2030-01-02T08:31:00Z")));

    // 1 ms before the handoff its packet is not due (the previous handoff's, a coming in at 01-01 09:00, is)
    await runHandoffs(new Date(HANDOFF.getTime() - 1));
    expect(await db.handoffPacket.count({ where: { rotationId: rotation.id, handoffAt: HANDOFF } })).toBe(0);
    expect(await db.handoffPacket.findFirstOrThrow({ where: { rotationId: rotation.id } })).toMatchObject({ handoffAt: T("2030-01-01T09:00:00Z"), incomingId: a.id, outgoingId: b.id });

    await runHandoffs(plus(2));
    const packet = await db.handoffPacket.findUniqueOrThrow({ where: { rotationId_handoffAt: { rotationId: rotation.id, handoffAt: HANDOFF } } });
    expect(packet).toMatchObject({ incomingId: b.id, outgoingId: a.id, nextHandoffAt: T("2030-01-03T09:00:00Z"), acknowledgedAt: null });
    const content = packet.content as { openIncidents: { id: string; lastUpdate: { message: string } | null }[]; pagesLastShift: { incidentId: string; level: number; role: string; userName: string | null }[] };
    expect(content.openIncidents.map((i) => i.id)).toContain(incident.id);
    expect(content.openIncidents.find((i) => i.id === incident.id)!.lastUpdate).not.toBeNull();
    expect(content.pagesLastShift).toEqual([expect.objectContaining({ incidentId: incident.id, level: 3, role: "DBA", userName: a.name })]);
    expect(await inApp(b.id, "handoff.packet")).toBe(1);
    expect(await auditCount("HandoffPacket", packet.id, "handoff.packet_created")).toBe(1);

    // idempotent: later runs write no second packet and no second notice
    await runHandoffs(plus(3));
    expect(await db.handoffPacket.count({ where: { rotationId: rotation.id, handoffAt: HANDOFF } })).toBe(1);
    expect(await inApp(b.id, "handoff.packet")).toBe(1);

    // not yet 30 minutes: no reminder; at exactly 30: the outgoing person is told, once
    await runHandoffs(new Date(plus(30).getTime() - 1));
    expect(await inApp(a.id, "handoff.unacknowledged")).toBe(0);
    await runHandoffs(plus(30));
    expect(await inApp(a.id, "handoff.unacknowledged")).toBe(1);
    await runHandoffs(plus(45));
    expect(await inApp(a.id, "handoff.unacknowledged")).toBe(1);
    expect(await auditCount("HandoffPacket", packet.id, "handoff.reminder_sent")).toBe(1);

    // only the incoming on-call acknowledges; a repeat keeps the first instant and audits once
    await expect(acknowledgeHandoff({ actor: a, input: { id: packet.id }, now: plus(50) })).rejects.toBeInstanceOf(ForbiddenError);
    const acked = await acknowledgeHandoff({ actor: b, input: { id: packet.id }, now: plus(50) });
    expect(acked.acknowledgedAt).toBe(plus(50).toISOString());
    expect((await acknowledgeHandoff({ actor: b, input: { id: packet.id }, now: plus(55) })).acknowledgedAt).toBe(plus(50).toISOString());
    expect(await auditCount("HandoffPacket", packet.id, "handoff.acknowledged")).toBe(1);

    // the next handoff (a comes back), acknowledged within 30 min: no reminder to b
    const next = T("2030-01-03T09:00:00Z");
    await runHandoffs(plus(1, next));
    const second = await db.handoffPacket.findUniqueOrThrow({ where: { rotationId_handoffAt: { rotationId: rotation.id, handoffAt: next } } });
    expect(second).toMatchObject({ incomingId: a.id, outgoingId: b.id });
    expect((second.content as { pagesLastShift: unknown[] }).pagesLastShift).toEqual([]);
    await acknowledgeHandoff({ actor: a, input: { id: second.id }, now: plus(10, next) });
    await runHandoffs(plus(31, next));
    expect((await db.handoffPacket.findUniqueOrThrow({ where: { id: second.id } })).reminderSentAt).toBeNull();
    expect(await auditCount("HandoffPacket", second.id, "handoff.reminder_sent")).toBe(0);

    // API: listed for the people involved; acknowledging someone else's packet is 403
    const headers = async (actor: Actor) => ({ authorization: `Bearer ${(await createApiToken({ actor, input: { name: "t" } })).secret}`, "content-type": "application/json" });
    const mine = (await (await listRoute(new Request("http://localhost/api/v1/handoffs?mine=true", { headers: await headers(b) }))).json()) as { data: { id: string }[] };
    expect(mine.data.map((p) => p.id).slice(0, 2)).toEqual([second.id, packet.id]);
    const denied = await ackRoute(new Request(`http://localhost/api/v1/handoffs/${second.id}/acknowledge`, { method: "POST", headers: await headers(b) }), { params: Promise.resolve({ id: second.id }) });
    expect(denied.status).toBe(403);
    const viewer = await ackRoute(new Request(`http://localhost/api/v1/handoffs/${second.id}/acknowledge`, { method: "POST", headers: await headers(await createUser("VIEWER")) }), { params: Promise.resolve({ id: second.id }) });
    expect(viewer.status).toBe(403);
  });
});
