import { describe, expect, it } from "vitest";
import { ENGINEERS, type Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { db } from "../../lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError, ValidationError } from "../../lib/errors";
import { acknowledgeIncident } from "../../lib/incidents/acknowledge-incident";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update";
import { getIncident, listSuspectChanges } from "../../lib/incidents/queries";
import { remindStaleIncidents } from "../../lib/incidents/remind-stale-incidents";
import { reminderPolicy } from "../../lib/incidents/reminders";
import { reopenIncident } from "../../lib/incidents/reopen-incident";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import { escalationState } from "../../lib/oncall/escalation";
import { escalationSteps } from "../../lib/env";
import { envDefaultPolicy } from "../../lib/oncall/escalation-policy";
import { getIncidentEscalation } from "../../lib/oncall/escalation-view";
import { pageDueLevels } from "../../lib/oncall/paging";
import { whoIsOnCall } from "../../lib/oncall/queries";
import { auditCount, createComponent, createUser, uid } from "../support/factories";
import { changeIn } from "./changes-helpers";

const MIN = 60_000;
const T0 = new Date("2026-11-22T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function declare(actor: Actor, over: Record<string, unknown> = {}, now = T0) {
  const component = await createComponent("DBA", { group: "Database" });
  const result = await declareIncident({
    actor,
    now,
    input: { title: `DB errors ${uid()}`, severity: "P1", impact: "Checkout fails", componentIds: [component.id], currentAction: "Failing over", ...over },
  });
  return { ...result, component };
}

/** Everything a refused command must leave untouched. */
async function snapshot(id: string) {
  const incident = await db.incident.findUniqueOrThrow({ where: { id } });
  return {
    incident,
    updates: await db.incidentUpdate.count({ where: { incidentId: id } }),
    audit: await db.auditLog.count({ where: { entity: "Incident", entityId: id } }),
    outbox: await db.outboxMessage.count({ where: { dedupeKey: { contains: id } } }),
  };
}

describe("declareIncident", () => {
  it("opens an Investigating incident with its first update, pages level 1, sets component status and audits", async () => {
    const sre = await createUser("SRE");
    const { id, component, commanderId } = await declare(sre, { eta: "2026-11-22T12:00", public: "on" });
    const incident = await getIncident(id, T0);
    expect(incident).toMatchObject({ status: "Investigating", severity: "P1", declaredAt: T0.toISOString(), lastUpdateAt: T0.toISOString(), eta: "2026-11-22T12:00:00.000Z", acknowledgedAt: null, componentIds: [component.id] });
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({ status: "Investigating", public: true, impact: "Checkout fails", currentAction: "Failing over" });
    // the default commander is the SRE on call now, else the declarer
    expect(commanderId).toBe((await whoIsOnCall("SRE", T0))?.id ?? sre.id);
    const pages = await db.escalationPage.findMany({ where: { incidentId: id } });
    expect(pages.map((p) => p.level)).toEqual([1]);
    expect(incident.escalation).toMatchObject({ level: 1, nextLevel: 2, nextLevelAt: at(escalationSteps()[0]).toISOString() });
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("major_outage");
    expect(await auditCount("Incident", id, "incident.declared")).toBe(1);
    expect(incident.block).toContain("SEVERITY: P1");
    expect(incident.block).toContain("ETA: 2026-11-22 12:00 UTC");
  });

  it("takes an explicit commander and refuses a viewer as commander", async () => {
    const sre = await createUser("SRE");
    const other = await createUser("SYSADMIN");
    const { commanderId } = await declare(sre, { commanderId: other.id });
    expect(commanderId).toBe(other.id);
    const viewer = await createUser("VIEWER");
    await expect(declare(sre, { commanderId: viewer.id })).rejects.toMatchObject({ fields: { commanderId: expect.any(String) } });
  });

  it("every engineer role may declare; a viewer may not and nothing is written", async () => {
    for (const role of ENGINEERS) {
      const actor = await createUser(role as Role);
      const { id } = await declare(actor, { severity: "P4" });
      expect(await auditCount("Incident", id, "incident.declared")).toBe(1);
    }
    const viewer = await createUser("VIEWER");
    const before = await db.incident.count({ where: { declaredById: viewer.id } });
    await expect(declare(viewer)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.incident.count({ where: { declaredById: viewer.id } })).toBe(before);
  });

  it("validates the template: title, severity, impact, components, current action", async () => {
    const sre = await createUser("SRE");
    const err = await declareIncident({ actor: sre, input: { severity: "P5", componentIds: [] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fields ?? {}).sort()).toEqual(["componentIds", "currentAction", "impact", "severity", "title"]);
    await expect(declareIncident({ actor: sre, input: { title: "x", severity: "P2", impact: "i", currentAction: "a", componentIds: ["nope"] } })).rejects.toMatchObject({ fields: { componentIds: "Unknown component" } });
  });
});

describe("postIncidentUpdate", () => {
  it("moves forward and back, writes one timeline entry per change and follows the component status override", async () => {
    const sre = await createUser("SRE");
    const { id, component } = await declare(sre);
    await postIncidentUpdate({ actor: sre, id, now: at(MIN), input: { status: "Identified", message: "Bad index", public: true } });
    await postIncidentUpdate({ actor: sre, id, now: at(2 * MIN), input: { status: "Fixing", currentAction: "Rebuilding index", eta: "2026-11-22T11:00:00Z", componentStatus: "partial_outage", message: "Fix rolling", public: false } });
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("partial_outage");
    await postIncidentUpdate({ actor: sre, id, now: at(3 * MIN), input: { status: "Identified", message: "Fix did not hold" } });
    const incident = await getIncident(id, at(3 * MIN));
    expect(incident).toMatchObject({ status: "Identified", currentAction: "Rebuilding index", eta: "2026-11-22T11:00:00.000Z", lastUpdateAt: at(3 * MIN).toISOString(), version: 4 });
    expect(incident.updates.map((u) => [u.status, u.public])).toEqual([
      ["Identified", false],
      ["Fixing", false],
      ["Identified", true],
      ["Investigating", true],
    ]);
    expect(await auditCount("Incident", id, "incident.updated")).toBe(3);
  });

  it("a refused update changes nothing: Resolved via update (422), stale version (409), viewer (403), bad input (400)", async () => {
    const sre = await createUser("SRE");
    const viewer = await createUser("VIEWER");
    const { id } = await declare(sre);
    const before = await snapshot(id);
    await expect(postIncidentUpdate({ actor: sre, id, input: { status: "Resolved", message: "done" } })).rejects.toBeInstanceOf(ValidationError);
    await expect(postIncidentUpdate({ actor: sre, id, input: { status: "Fixing", message: "x", version: 99 } })).rejects.toBeInstanceOf(ConflictError);
    await expect(postIncidentUpdate({ actor: viewer, id, input: { status: "Fixing", message: "x" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(postIncidentUpdate({ actor: sre, id, input: { status: "Fixing" } })).rejects.toMatchObject({ fields: { message: expect.any(String) } });
    expect(await snapshot(id)).toEqual(before);
  });

  it("a resolved incident takes no updates until reopened (422)", async () => {
    const sre = await createUser("SRE");
    const { id } = await declare(sre);
    await resolveIncident({ actor: sre, id, now: at(MIN), input: { resolution: "Restarted" } });
    const before = await snapshot(id);
    await expect(postIncidentUpdate({ actor: sre, id, input: { message: "late note" } })).rejects.toBeInstanceOf(GateBlockedError);
    expect(await snapshot(id)).toEqual(before);
  });

  it("loses cleanly to a concurrent update (optimistic version)", async () => {
    const sre = await createUser("SRE");
    const { id } = await declare(sre);
    const results = await Promise.allSettled([1, 2, 3].map((n) => postIncidentUpdate({ actor: sre, id, input: { message: `note ${n}`, version: 1 } })));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await db.incidentUpdate.count({ where: { incidentId: id } })).toBe(1 + ok.length);
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).version).toBe(1 + ok.length);
  });
});

describe("acknowledgeIncident", () => {
  it("records who and when once, and stops escalation", async () => {
    const sre = await createUser("SRE");
    const dba = await createUser("DBA");
    const { id } = await declare(sre);
    const ack = await acknowledgeIncident({ actor: dba, id, now: at(MIN) });
    expect(ack).toMatchObject({ acknowledgedById: dba.id, alreadyAcknowledged: false });
    const again = await acknowledgeIncident({ actor: sre, id, now: at(2 * MIN) });
    expect(again).toMatchObject({ acknowledgedById: dba.id, alreadyAcknowledged: true });
    expect(await auditCount("Incident", id, "incident.acknowledged")).toBe(1);

    // long after every threshold, the engine pages nothing more
    const policy = envDefaultPolicy();
    const later = at(escalationSteps()[2] + MIN);
    await db.$transaction((tx) => pageDueLevels(tx, id, later));
    expect((await db.escalationPage.findMany({ where: { incidentId: id } })).map((p) => p.level)).toEqual([1]);
    const row = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(escalationState(row, policy, later)).toMatchObject({ stopped: true, nextLevel: null, due: [1] });
    expect(await getIncidentEscalation(id, later)).toMatchObject({ acknowledgedAt: at(MIN).toISOString(), nextLevel: null, pages: [{ level: 1 }] });
    expect((await getIncident(id, later)).mttaMs).toBe(MIN);
  });

  it("without an acknowledgement the levels keep firing (control case)", async () => {
    const sre = await createUser("SRE");
    const { id } = await declare(sre);
    await db.$transaction((tx) => pageDueLevels(tx, id, at(escalationSteps()[1])));
    expect([...new Set((await db.escalationPage.findMany({ where: { incidentId: id } })).map((p) => p.level))].sort()).toEqual([1, 2, 3]);
  });

  it("a viewer may not acknowledge; a resolved incident cannot be acknowledged", async () => {
    const sre = await createUser("SRE");
    const viewer = await createUser("VIEWER");
    const { id } = await declare(sre);
    const before = await snapshot(id);
    await expect(acknowledgeIncident({ actor: viewer, id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await snapshot(id)).toEqual(before);
    await resolveIncident({ actor: sre, id, now: at(MIN), input: { resolution: "fixed" } });
    await expect(acknowledgeIncident({ actor: sre, id })).rejects.toBeInstanceOf(GateBlockedError);
  });
});

describe("resolveIncident and reopenIncident", () => {
  it("requires a note; resolves, returns the component to operational, computes MTTR, audits", async () => {
    const sre = await createUser("SRE");
    const { id, component } = await declare(sre, { severity: "P2" });
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("partial_outage");
    const before = await snapshot(id);
    for (const input of [{}, { resolution: "" }, { resolution: "   " }]) await expect(resolveIncident({ actor: sre, id, input })).rejects.toMatchObject({ fields: { resolution: expect.any(String) } });
    expect(await snapshot(id)).toEqual(before);

    await resolveIncident({ actor: sre, id, now: at(42 * MIN), input: { resolution: "Replaced the failed disk" } });
    const incident = await getIncident(id, at(42 * MIN));
    expect(incident).toMatchObject({ status: "Resolved", resolvedAt: at(42 * MIN).toISOString(), resolution: "Replaced the failed disk", mttrMs: 42 * MIN });
    expect(incident.updates[0]).toMatchObject({ status: "Resolved", message: "Replaced the failed disk", public: true });
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
    expect(await auditCount("Incident", id, "incident.resolved")).toBe(1);
    await expect(resolveIncident({ actor: sre, id, input: { resolution: "again" } })).rejects.toBeInstanceOf(GateBlockedError);
  });

  it("reopen: commander or ARCHITECT only, only when resolved; components degrade again", async () => {
    const sre = await createUser("SRE");
    const otherSre = await createUser("SRE");
    const architect = await createUser("ARCHITECT");
    const { id, component } = await declare(sre, { commanderId: sre.id, severity: "P3" });
    await expect(reopenIncident({ actor: sre, id, input: { reason: "x" } })).rejects.toBeInstanceOf(GateBlockedError);
    await resolveIncident({ actor: sre, id, now: at(MIN), input: { resolution: "ok" } });
    const before = await snapshot(id);
    await expect(reopenIncident({ actor: otherSre, id, input: { reason: "still broken" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reopenIncident({ actor: await createUser("VIEWER"), id, input: { reason: "x" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reopenIncident({ actor: sre, id, input: { reason: "" } })).rejects.toBeInstanceOf(ValidationError);
    expect(await snapshot(id)).toEqual(before);

    await reopenIncident({ actor: sre, id, now: at(2 * MIN), input: { reason: "errors are back" } });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "Investigating", resolvedAt: null, resolution: null });
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("degraded_performance");
    await resolveIncident({ actor: sre, id, now: at(3 * MIN), input: { resolution: "ok now" } });
    await reopenIncident({ actor: architect, id, now: at(4 * MIN), input: { reason: "architect reopens" } });
    expect(await auditCount("Incident", id, "incident.reopened")).toBe(2);
  });
});

describe("suspect changes", () => {
  it("lists changes in progress or completed in the last 24 h on the incident's components", async () => {
    const sre = await createUser("SRE");
    const component = await createComponent("DBA");
    const other = await createComponent("DBA");
    const now = new Date("2031-05-04T10:00:00Z");
    const done = new Date(now.getTime() - MIN);
    const change = (status: "InProgress" | "Completed" | "Draft", componentId: string, description: string) => changeIn(status, sre, componentId, { description, rollbackPlan: "Restore snapshot" }, done);
    const inProgress = await change("InProgress", component.id, "in flight");
    const completed = await change("Completed", component.id, "done");
    await change("Draft", component.id, "draft");
    await change("InProgress", other.id, "elsewhere");
    const ids = (await listSuspectChanges([component.id], now)).map((c) => c.id).sort();
    expect(ids).toEqual([inProgress.id, completed.id].sort());
    expect((await listSuspectChanges([component.id], new Date(now.getTime() + 25 * 60 * MIN))).map((c) => c.id)).toEqual([inProgress.id]);
    expect((await listSuspectChanges([component.id], now)).find((c) => c.id === inProgress.id)).toMatchObject({ status: "In progress", rollbackPlan: "Restore snapshot" });
  });
});

describe("update reminders job", () => {
  it("reminds the commander once per interval of silence", async () => {
    const sre = await createUser("SRE");
    const commander = await createUser("SRE");
    const { id } = await declare(sre, { commanderId: commander.id });
    const policy = reminderPolicy(30 * MIN, 60 * MIN, 240 * MIN);
    const reminders = () => db.outboxMessage.count({ where: { dedupeKey: { startsWith: `incident-reminder:${id}:` }, channel: "in_app", target: commander.id } });
    await remindStaleIncidents(at(30 * MIN - 1), policy);
    expect(await reminders()).toBe(0);
    await remindStaleIncidents(at(30 * MIN), policy);
    await remindStaleIncidents(at(45 * MIN), policy);
    expect(await reminders()).toBe(1);
    await remindStaleIncidents(at(60 * MIN), policy);
    expect(await reminders()).toBe(2);
    // an update restarts the clock
    await postIncidentUpdate({ actor: commander, id, now: at(61 * MIN), input: { message: "still on it" } });
    await remindStaleIncidents(at(90 * MIN), policy);
    expect(await reminders()).toBe(2);
    await remindStaleIncidents(at(91 * MIN), policy);
    expect(await reminders()).toBe(3);
  });
});
