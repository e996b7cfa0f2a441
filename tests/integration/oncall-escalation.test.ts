import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../lib/auth/permissions";
import { db } from "../../lib/db/client";
import { defaultPolicy, type EscalationPolicy } from "../../lib/oncall/escalation";
import { getIncidentEscalation } from "../../lib/oncall/escalation-view";
import { pageDueLevels } from "../../lib/oncall/paging";
import { whoIsOnCall } from "../../lib/oncall/queries";
import { tickEscalations } from "../../lib/oncall/tick-escalations";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

const policy: EscalationPolicy = defaultPolicy([15 * 60_000, 30 * 60_000, 60 * 60_000]);
const MIN = 60_000;
let declarer: { id: string };

/** One rotation per role (unless one exists: whoIsOnCall picks the oldest, and assertions ask it who that is). */
async function ensureRotations() {
  for (const role of ["SRE", "SYSADMIN", "NETWORK", "DBA", "ARCHITECT"] as Role[]) {
    if (await db.rotation.findFirst({ where: { role } })) continue;
    const a = await createUser(role);
    const b = await createUser(role);
    await db.rotation.create({
      data: {
        name: `${role} test ${uid()}`,
        role,
        anchorAt: new Date("2026-01-01T09:00:00.000Z"),
        members: { create: [{ userId: a.id, position: 0 }, { userId: b.id, position: 1 }] },
      },
    });
  }
}

/** A raw, not yet paged incident on purpose: these tests drive the paging engine itself (declareIncident would page level 1). */
async function createIncident(declaredAt: Date, componentIds: string[] = [], extra: { acknowledgedAt?: Date } = {}) {
  return db.incident.create({
    data: {
      title: `Test incident ${uid()}`,
      severity: "P2",
      impact: "Test",
      currentAction: "Investigating",
      declaredById: declarer.id,
      declaredAt,
      lastUpdateAt: declaredAt,
      ...extra,
      components: { create: componentIds.map((componentId) => ({ componentId })) },
    },
  });
}

beforeAll(async () => {
  declarer = await createUser("SRE");
  await ensureRotations();
});

describe("pageDueLevels", () => {
  it("pages level 1 inside the declaring transaction, once, with outbox messages and an audit row", async () => {
    const now = new Date();
    const sre = await whoIsOnCall("SRE", now); // outside the transaction: never query through db inside one
    const incident = await db.$transaction(async (tx) => {
      const inc = await tx.incident.create({
        data: { title: `Declared ${uid()}`, severity: "P1", impact: "x", currentAction: "y", declaredById: declarer.id, declaredAt: now, lastUpdateAt: now },
      });
      expect(await pageDueLevels(tx, inc.id, now, { policy })).toEqual([{ level: 1, role: "SRE", userId: sre?.id }]);
      return inc;
    }, { timeout: 30_000 });
    await db.$transaction(async (tx) => expect(await pageDueLevels(tx, incident.id, now, { policy })).toEqual([]));
    const pages = await db.escalationPage.findMany({ where: { incidentId: incident.id } });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ level: 1, role: "SRE", at: now, dueAt: now });
    const inApp = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `page:${incident.id}:1:SRE:` }, channel: "in_app" } });
    expect(inApp).toHaveLength(1);
    expect(inApp[0].target).toBe(pages[0].userId);
    expect(await auditCount("Incident", incident.id, "incident.paged")).toBe(1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: incident.id, action: "incident.paged" } });
    expect(audit.actorLabel).toBe("system:escalation");
  });

  it("level 3 pages the on-call of each distinct owner role of the components", async () => {
    const [net, db1, db2] = [await createComponent("NETWORK"), await createComponent("DBA"), await createComponent("DBA")];
    const declaredAt = new Date(Date.now() - 31 * MIN);
    const incident = await createIncident(declaredAt, [net.id, db1.id, db2.id]);
    const now = new Date();
    const pages = await db.$transaction((tx) => pageDueLevels(tx, incident.id, now, { policy }));
    expect(pages?.map((p) => `${p.level}:${p.role}`)).toEqual(["1:SRE", "2:SYSADMIN", "3:DBA", "3:NETWORK"]);
    expect(pages?.find((p) => p.role === "DBA")?.userId).toBe((await whoIsOnCall("DBA", now))?.id);
    expect(pages?.find((p) => p.role === "NETWORK")?.userId).toBe((await whoIsOnCall("NETWORK", now))?.id);
    const view = await getIncidentEscalation(incident.id, now, { policy });
    expect(view).toMatchObject({ level: 3, nextLevel: 4, acknowledgedAt: null, stopped: false });
    expect(view.pages).toHaveLength(4);
    expect(view.pages[0].channels.map((c) => c.channel)).toContain("in_app");
  });

  it("an acknowledged incident is not paged further; a resolved one not at all", async () => {
    const declaredAt = new Date(Date.now() - 45 * MIN);
    const acked = await createIncident(declaredAt, [], { acknowledgedAt: new Date(declaredAt.getTime() + 20 * MIN) });
    const now = new Date();
    expect((await db.$transaction((tx) => pageDueLevels(tx, acked.id, now, { policy })))?.map((p) => p.level)).toEqual([1, 2]);
    // raw on purpose, like createIncident: a resolved incident that the engine never paged
    const resolved = await db.incident.create({
      data: { title: "r", severity: "P4", status: "Resolved", impact: "x", currentAction: "y", declaredById: declarer.id, declaredAt, lastUpdateAt: declaredAt, resolvedAt: now },
    });
    expect(await db.$transaction((tx) => pageDueLevels(tx, resolved.id, now, { policy }))).toEqual([]);
  });
});

describe("tickEscalations", () => {
  it("three instances ticking concurrently over 200 incidents page every due level exactly once", async () => {
    const t0 = new Date();
    const comps = [await createComponent("NETWORK"), await createComponent("DBA"), await createComponent("SYSADMIN")];
    const incidents = [];
    for (let i = 0; i < 200; i++) {
      // declared 0..70 minutes before t0: levels come due while the clock walks to t0+70min
      const declaredAt = new Date(t0.getTime() - (i % 71) * MIN);
      incidents.push(await createIncident(declaredAt, i % 4 === 0 ? [comps[0].id, comps[1].id] : [comps[i % 3].id]));
    }
    const scope = incidents.map((i) => i.id);
    // Each instance walks an injected clock from t0 to t0+70min all three at once.
    const instance = async () => {
      for (const m of [0, 20, 70]) await tickEscalations(new Date(t0.getTime() + m * MIN), { policy, scope });
    };
    await Promise.all([instance(), instance(), instance()]);
    // One more tick from each instance at the end: anything skipped (locked by a peer) is caught up.
    const end = new Date(t0.getTime() + 70 * MIN);
    await Promise.all([0, 1, 2].map(() => tickEscalations(end, { policy, scope })));

    const pages = await db.escalationPage.findMany({ where: { incidentId: { in: scope } }, select: { incidentId: true, level: true, role: true } });
    const byIncident = new Map<string, string[]>();
    for (const p of pages) byIncident.set(p.incidentId, [...(byIncident.get(p.incidentId) ?? []), `${p.level}:${p.role}`]);
    incidents.forEach((inc, i) => {
      const owners = i % 4 === 0 ? ["3:DBA", "3:NETWORK"] : [`3:${comps[i % 3].ownerRole}`];
      expect((byIncident.get(inc.id) ?? []).sort()).toEqual(["1:SRE", "2:SYSADMIN", ...owners, "4:ARCHITECT"].sort());
    });
    // exactly one in-app message per page, and the audit rows list every page once
    const inApp = await db.outboxMessage.count({ where: { channel: "in_app", OR: scope.map((id) => ({ dedupeKey: { startsWith: `page:${id}:` } })) } });
    expect(inApp).toBe(pages.length);
    const audits = await db.auditLog.findMany({ where: { entity: "Incident", entityId: { in: scope }, action: "incident.paged" }, select: { data: true } });
    expect(audits.flatMap((a) => (a.data as { pages: unknown[] }).pages)).toHaveLength(pages.length);
  }, 300_000);

  it("pages at the threshold, not 1 ms before", async () => {
    const declaredAt = new Date(Date.now() - 60 * 60 * MIN);
    const inc = await createIncident(declaredAt);
    const scope = [inc.id];
    await tickEscalations(new Date(declaredAt.getTime() + 15 * MIN - 1), { policy, scope });
    expect(await db.escalationPage.count({ where: { incidentId: inc.id } })).toBe(1);
    const r = await tickEscalations(new Date(declaredAt.getTime() + 15 * MIN), { policy, scope });
    expect(r.paged.map((p) => p.level)).toEqual([2]);
  });

  it("a transaction that dies mid-tick leaves nothing half-written; the next tick pages it", async () => {
    const declaredAt = new Date(Date.now() - 16 * MIN);
    const incidents = [await createIncident(declaredAt), await createIncident(declaredAt), await createIncident(declaredAt)];
    const scope = incidents.map((i) => i.id);
    const victim = incidents[1].id;
    const now = new Date();
    const first = await tickEscalations(now, {
      policy,
      scope,
      afterPage: (id) => {
        if (id === victim) throw new Error("instance died");
      },
    });
    expect(first.failed).toBe(1);
    expect(await db.escalationPage.count({ where: { incidentId: victim } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { startsWith: `page:${victim}:` } } })).toBe(0);
    expect(await auditCount("Incident", victim, "incident.paged")).toBe(0);
    expect(await db.escalationPage.count({ where: { incidentId: incidents[0].id } })).toBe(2);

    const second = await tickEscalations(now, { policy, scope });
    expect(second.paged.filter((p) => p.incidentId === victim).map((p) => p.level)).toEqual([1, 2]);
    expect(second.paged.filter((p) => p.incidentId !== victim)).toEqual([]);
    expect(await auditCount("Incident", victim, "incident.paged")).toBe(1);
  });

  it("an acknowledgement racing the ticker wins: no page after the ack commits", async () => {
    const declaredAt = new Date(Date.now() - 10 * MIN);
    const inc = await createIncident(declaredAt);
    const scope = [inc.id];
    await tickEscalations(new Date(), { policy, scope });
    await db.incident.update({ where: { id: inc.id }, data: { acknowledgedAt: new Date(declaredAt.getTime() + 12 * MIN) } });
    const later = await tickEscalations(new Date(declaredAt.getTime() + 90 * MIN), { policy, scope });
    expect(later.candidates).toBe(0);
    expect(await db.escalationPage.count({ where: { incidentId: inc.id } })).toBe(1);
  });
});
