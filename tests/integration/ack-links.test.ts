import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/session";
import { db } from "../../lib/db/client";
import { signAckToken } from "../../lib/incidents/ack-link";
import { ackSecret } from "../../lib/incidents/ack-secret";
import { acknowledgeByLink, peekAckLink } from "../../lib/incidents/acknowledge-by-link";
import { acknowledgeIncident } from "../../lib/incidents/acknowledge-incident";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { getIncident } from "../../lib/incidents/queries";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

let sre: Actor;

beforeAll(async () => {
  sre = await createUser("SRE");
  await db.rotation.create({ data: { name: `SRE ${uid()}`, role: "SRE", anchorAt: new Date("2026-01-01T09:00:00.000Z"), members: { create: [{ userId: sre.id, position: 0 }] } } });
});

async function declare(now = new Date()) {
  const component = await createComponent("DBA");
  const declarer = await createUser("SYSADMIN");
  const { id } = await declareIncident({ actor: declarer, now, input: { title: `Ack link ${uid()}`, severity: "P1", impact: "x", componentIds: [component.id], currentAction: "y" } });
  return id;
}

/** The token in the page's in-app message to the person on call (what the email/push carries too). */
async function tokenOf(incidentId: string, userId: string) {
  const msg = await db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: `page:${incidentId}:1:SRE:` }, channel: "in_app", target: userId } });
  const p = msg.payload as { body: string; data: { ackUrl: string } };
  expect(p.body).toContain(p.data.ackUrl);
  return new URL(p.data.ackUrl).pathname.replace(/^\/ack\//, "");
}

describe("signed one-click acknowledge links", () => {
  it("every page carries one; one click acknowledges as that person, audited and in the timeline; the link is then spent", async () => {
    const id = await declare();
    const token = await tokenOf(id, sre.id);
    expect(await peekAckLink(token)).toMatchObject({ ok: true, userName: sre.name });
    // opening the page changes nothing
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).acknowledgedAt).toBeNull();
    const res = await acknowledgeByLink({ token });
    expect(res).toMatchObject({ ok: true, incidentId: id, alreadyAcknowledged: false });
    const row = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(row.acknowledgedById).toBe(sre.id);
    expect(await auditCount("Incident", id, "incident.acknowledged")).toBe(1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "incident.acknowledged" } });
    expect(audit).toMatchObject({ actorId: sre.id, data: expect.objectContaining({ via: "ack_link" }) });
    const timeline = (await getIncident(id)).updates;
    expect(timeline[0]).toMatchObject({ public: false, message: expect.stringContaining(`Acknowledged by ${sre.name}`) });

    expect(await acknowledgeByLink({ token })).toEqual({ ok: false, reason: "used" });
    expect(await peekAckLink(token)).toEqual({ ok: false, reason: "used" });
    expect(await auditCount("Incident", id, "incident.acknowledged")).toBe(1);
  });

  it("two clicks at once: exactly one wins", async () => {
    const id = await declare();
    const token = await tokenOf(id, sre.id);
    const results = await Promise.all([acknowledgeByLink({ token }), acknowledgeByLink({ token })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
    expect(await auditCount("Incident", id, "incident.acknowledged")).toBe(1);
  });

  it("expired, tampered and forged links are refused and change nothing", async () => {
    const now = new Date();
    const id = await declare(now);
    const token = await tokenOf(id, sre.id);
    expect(await acknowledgeByLink({ token, now: new Date(now.getTime() + 25 * 3_600_000) })).toEqual({ ok: false, reason: "expired" });
    const [claims, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, "base64url").toString()), u: "someone-else" })).toString("base64url");
    expect(await acknowledgeByLink({ token: `${forged}.${mac}` })).toEqual({ ok: false, reason: "tampered" });
    expect(await acknowledgeByLink({ token: `${claims}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}` })).toEqual({ ok: false, reason: "tampered" });
    expect(await acknowledgeByLink({ token: "not-a-token" })).toEqual({ ok: false, reason: "malformed" });
    expect(await acknowledgeByLink({ token: signAckToken("another-secret-entirely", { incidentId: id, userId: sre.id, expiresAt: new Date(now.getTime() + 60_000) }) })).toEqual({ ok: false, reason: "tampered" });
    // correctly signed, but for someone who was never paged for it
    const stranger = await createUser("DBA");
    expect(await acknowledgeByLink({ token: signAckToken(ackSecret(), { incidentId: id, userId: stranger.id, expiresAt: new Date(now.getTime() + 60_000) }) })).toEqual({ ok: false, reason: "not_allowed" });
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).acknowledgedAt).toBeNull();
    expect(await auditCount("Incident", id, "incident.acknowledged")).toBe(0);
    expect(await db.ackLinkUse.count({ where: { incidentId: id } })).toBe(0);
    // the real link still works afterwards
    expect(await acknowledgeByLink({ token })).toMatchObject({ ok: true });
  });

  it("a deactivated person's link no longer works", async () => {
    const id = await declare();
    const token = await tokenOf(id, sre.id);
    await db.user.update({ where: { id: sre.id }, data: { active: false } });
    try {
      expect(await acknowledgeByLink({ token })).toEqual({ ok: false, reason: "not_allowed" });
    } finally {
      await db.user.update({ where: { id: sre.id }, data: { active: true } });
    }
  });

  it("the dashboard's acknowledgement appears in the timeline too", async () => {
    const id = await declare();
    const dba = await createUser("DBA");
    await acknowledgeIncident({ actor: dba, id });
    expect((await getIncident(id)).updates[0]).toMatchObject({ public: false, message: expect.stringContaining(`Acknowledged by ${dba.name}`) });
  });
});
