import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { db } from "../../lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError, NotFoundError, ValidationError } from "../../lib/errors";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
import { notifyMaintenance } from "../../lib/maintenance/notify-maintenance";
import { getMaintenance, listMaintenance } from "../../lib/maintenance/queries";
import { refreshMaintenanceStatuses } from "../../lib/maintenance/refresh-maintenance-statuses";
import { updateMaintenance } from "../../lib/maintenance/update-maintenance";
import { auditCount, createComponent, createUser, uid } from "../support/factories";
import { changeIn, type ChangeState } from "./changes-helpers";

/** A fixed "now" far from real time so windows never interfere with other tests' clocks. */
const NOW = new Date("2031-03-01T12:00:00Z");
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * 3_600_000);

function windowInput(componentIds: string[], over: Record<string, unknown> = {}) {
  return {
    title: `Firmware upgrade ${uid()}`,
    windowStart: at(24).toISOString(),
    windowEnd: at(26).toISOString(),
    componentIds,
    type: "Upgrade",
    impact: "Brief connection resets",
    rollback: "Available",
    contact: "Network on-call",
    ...over,
  };
}

/** A change in `status`, reached through the change commands. */
function createChange(requester: Actor, componentId: string, status: ChangeState = "Submitted") {
  return changeIn(status, requester, componentId);
}

/** Outbox rows (in-app) created for one notice of one window. */
function noticeMessages(windowId: string) {
  return db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `maintenance:${windowId}:notice:` }, channel: "in_app" } });
}

describe("maintenance commands", () => {
  it("creates a window (UTC, components, linked change), audits it and links the change's gate evidence", async () => {
    const [engineer, requester] = await Promise.all([createUser("NETWORK"), createUser("AUTOMATION")]);
    const [lb, dns] = await Promise.all([createComponent("NETWORK"), createComponent("NETWORK")]);
    const change = await createChange(requester, lb.id);
    const w = await createMaintenance({ actor: engineer, input: windowInput([lb.id, dns.id], { windowStart: "2031-03-02T02:00", windowEnd: "2031-03-02T04:00", changeIds: [change.id] }), now: NOW });
    expect(w).toMatchObject({
      windowStart: "2031-03-02T02:00:00.000Z",
      windowEnd: "2031-03-02T04:00:00.000Z",
      type: "Upgrade",
      rollback: "Available",
      changeIds: [change.id],
      phase: "scheduled",
      notifiedAt: null,
      notification: "not_sent",
      conflicts: [],
      version: 1,
    });
    expect(new Set(w.componentIds)).toEqual(new Set([lb.id, dns.id]));
    expect(w.notice.split("\n")[0]).toBe("MAINTENANCE: Scheduled");
    expect(w.notice).toContain("WINDOW: 2031-03-02 02:00 – 04:00 UTC");
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.created")).toBe(1);
    expect(await auditCount("ChangeRequest", change.id, "change.maintenance_linked")).toBe(1);
    expect(await db.changeMaintenance.count({ where: { changeId: change.id, windowId: w.id } })).toBe(1);
    // the requester learns their change now has a window
    expect(await db.outboxMessage.count({ where: { target: requester.id, dedupeKey: { startsWith: `maintenance:${w.id}:linked:${change.id}` } } })).toBe(1);
  });

  it("defaults CONTACT to the on-call team, also when an edit empties it", async () => {
    const engineer = await createUser("SRE");
    const c = await createComponent("SRE");
    const w = await createMaintenance({ actor: engineer, input: windowInput([c.id], { contact: "" }), now: NOW });
    expect(w.contact).toMatch(/^(On-call: .+|SRE on-call team)$/);
    const named = await updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, contact: "Ops desk" }, now: NOW });
    expect(named.contact).toBe("Ops desk");
    const again = await updateMaintenance({ actor: engineer, input: { id: w.id, version: 2, contact: "" }, now: NOW });
    expect(again.contact).toBe(w.contact);
  });

  it("refuses an end not after the start, unknown components and closed changes — writing nothing", async () => {
    const engineer = await createUser("SRE");
    const c = await createComponent("SRE");
    const title = `Refused ${uid()}`;
    const bad = [
      windowInput([c.id], { title, windowEnd: at(24).toISOString() }),
      windowInput([c.id], { title, windowEnd: at(23).toISOString() }),
      windowInput([], { title }),
      windowInput(["no-such-component"], { title }),
      windowInput([c.id], { title, windowStart: "soon" }),
      windowInput([c.id], { title, changeIds: [(await createChange(engineer, c.id, "Completed")).id] }),
    ];
    const fields: string[] = [];
    for (const input of bad) {
      const err = await createMaintenance({ actor: engineer, input, now: NOW }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      fields.push(...Object.keys((err as ValidationError).fields ?? {}));
    }
    expect(fields).toEqual(["windowEnd", "windowEnd", "componentIds", "componentIds", "windowStart", "changeIds"]);
    expect(await db.maintenanceWindow.count({ where: { title } })).toBe(0);
  });

  it("notify sends once, is idempotent, sets notifiedAt and reaches owners and linked requesters", async () => {
    const [engineer, requester, owner] = await Promise.all([createUser("SRE"), createUser("AUTOMATION"), createUser("DBA")]);
    const db1 = await createComponent("DBA");
    const change = await createChange(requester, db1.id);
    const w = await createMaintenance({ actor: engineer, input: windowInput([db1.id], { changeIds: [change.id] }), now: NOW });

    const first = await notifyMaintenance({ actor: engineer, input: { id: w.id }, now: at(1) });
    expect(first).toMatchObject({ sent: true, kind: "Scheduled" });
    expect(first.window.notifiedAt).toBe(at(1).toISOString());
    expect(first.window.notification).toBe("sent");
    const messages = await noticeMessages(w.id);
    const targets = messages.map((m) => m.target);
    expect(targets).toEqual(expect.arrayContaining([owner.id, requester.id]));
    expect(targets).not.toContain(engineer.id); // SRE is not the DBA component's owner role
    const payload = messages[0].payload as { event: string; body: string };
    expect(payload.event).toBe("maintenance.scheduled");
    expect(payload.body.split("\n")[0]).toBe("MAINTENANCE: Scheduled");
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.notified")).toBe(1);
    expect(await auditCount("ChangeRequest", change.id, "change.stakeholders_notified")).toBe(1);

    const second = await notifyMaintenance({ actor: engineer, input: { id: w.id }, now: at(2) });
    expect(second).toMatchObject({ sent: false, kind: null });
    expect(second.window.notifiedAt).toBe(at(1).toISOString());
    expect(await noticeMessages(w.id)).toHaveLength(messages.length);
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.notified")).toBe(1);
  });

  it("an edit that changes the notice clears notifiedAt and the next notify sends a Rescheduled notice; other edits do not", async () => {
    const engineer = await createUser("NETWORK");
    const c = await createComponent("NETWORK");
    const w = await createMaintenance({ actor: engineer, input: windowInput([c.id]), now: NOW });
    await notifyMaintenance({ actor: engineer, input: { id: w.id }, now: NOW });
    const sentCount = (await noticeMessages(w.id)).length;

    const retitled = await updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, title: "Renamed only" }, now: NOW });
    expect(retitled).toMatchObject({ version: 2, notification: "sent", notifiedAt: NOW.toISOString() });

    const moved = await updateMaintenance({ actor: engineer, input: { id: w.id, version: 2, windowEnd: at(27).toISOString() }, now: NOW });
    // still "notified" (of the earlier version) for gates and the status page, but a rescheduled notice is due
    expect(moved).toMatchObject({ version: 3, notification: "needs_renotify", notifiedAt: NOW.toISOString(), noticeChangedAt: NOW.toISOString() });
    expect(moved.notice.split("\n")[0]).toBe("MAINTENANCE: Rescheduled");
    const updatedAudit = await db.auditLog.findFirstOrThrow({ where: { entity: "MaintenanceWindow", entityId: w.id, action: "maintenance.updated" }, orderBy: { id: "desc" } });
    expect(updatedAudit.data).toMatchObject({ noticeChanged: true, renotifyNeeded: true, fields: ["windowEnd"] });

    const again = await notifyMaintenance({ actor: engineer, input: { id: w.id }, now: at(1) });
    expect(again).toMatchObject({ sent: true, kind: "Rescheduled", window: { notification: "sent", notifiedAt: at(1).toISOString(), noticeChangedAt: null } });
    const all = await noticeMessages(w.id);
    expect(all.length).toBe(sentCount * 2);
    const rescheduled = all.find((m) => (m.payload as { event: string }).event === "maintenance.rescheduled");
    expect((rescheduled?.payload as { body: string }).body).toContain("WINDOW: 2031-03-02 12:00 – 15:00 UTC");
    expect(await notifyMaintenance({ actor: engineer, input: { id: w.id }, now: at(2) })).toMatchObject({ sent: false });
  });

  it("concurrent notify calls send exactly one notice", async () => {
    const engineer = await createUser("NETWORK");
    const c = await createComponent("NETWORK");
    await createUser("NETWORK"); // at least two owners receive it
    const w = await createMaintenance({ actor: engineer, input: windowInput([c.id]), now: NOW });
    const results = await Promise.all(Array.from({ length: 5 }, () => notifyMaintenance({ actor: engineer, input: { id: w.id }, now: NOW })));
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.notified")).toBe(1);
    const messages = await noticeMessages(w.id);
    expect(new Set(messages.map((m) => m.target)).size).toBe(messages.length);
  });

  it("refuses to notify a window that has ended (422) and unknown ids (404)", async () => {
    const engineer = await createUser("SRE");
    const c = await createComponent("SRE");
    const w = await createMaintenance({ actor: engineer, input: windowInput([c.id]), now: NOW });
    await expect(notifyMaintenance({ actor: engineer, input: { id: w.id }, now: at(26) })).rejects.toBeInstanceOf(GateBlockedError);
    expect((await getMaintenance(w.id, NOW)).notifiedAt).toBeNull();
    await expect(notifyMaintenance({ actor: engineer, input: { id: "missing" }, now: NOW })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("flags overlapping windows sharing a component on both windows; touching ones and other components are not flagged", async () => {
    const engineer = await createUser("NETWORK");
    const [shared, other] = await Promise.all([createComponent("NETWORK"), createComponent("NETWORK")]);
    const a = await createMaintenance({ actor: engineer, input: windowInput([shared.id]), now: NOW });
    const b = await createMaintenance({ actor: engineer, input: windowInput([shared.id, other.id], { windowStart: at(25).toISOString(), windowEnd: at(27).toISOString() }), now: NOW });
    const touching = await createMaintenance({ actor: engineer, input: windowInput([shared.id], { windowStart: at(27).toISOString(), windowEnd: at(28).toISOString() }), now: NOW });
    const otherOnly = await createMaintenance({ actor: engineer, input: windowInput([other.id], { windowStart: at(20).toISOString(), windowEnd: at(26).toISOString() }), now: NOW });

    expect(b.conflicts).toEqual([expect.objectContaining({ id: a.id, title: a.title, sharedComponentIds: [shared.id] })]);
    expect((await getMaintenance(b.id, NOW)).conflicts).toEqual([
      expect.objectContaining({ id: otherOnly.id, sharedComponentIds: [other.id] }),
      expect.objectContaining({ id: a.id, sharedComponentIds: [shared.id] }),
    ]);
    expect((await getMaintenance(a.id, NOW)).conflicts.map((c) => c.id)).toEqual([b.id]);
    expect((await getMaintenance(touching.id, NOW)).conflicts).toEqual([]);
    const page = await listMaintenance({ component: shared.id, limit: 10 }, NOW);
    expect(Object.fromEntries(page.data.map((w) => [w.id, w.conflicts.map((c) => c.id)]))).toEqual({ [a.id]: [b.id], [b.id]: [otherOnly.id, a.id], [touching.id]: [] });
  });

  it("a stale version is a 409 and changes nothing", async () => {
    const engineer = await createUser("SRE");
    const c = await createComponent("SRE");
    const w = await createMaintenance({ actor: engineer, input: windowInput([c.id]), now: NOW });
    await updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, impact: "First edit" }, now: NOW });
    const before = await db.maintenanceWindow.findUniqueOrThrow({ where: { id: w.id } });
    await expect(updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, impact: "Stale edit", componentIds: [] }, now: NOW })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, impact: "Stale edit" }, now: NOW })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.maintenanceWindow.findUniqueOrThrow({ where: { id: w.id } })).toEqual(before);
    expect(await auditCount("MaintenanceWindow", w.id, "maintenance.updated")).toBe(1);
  });

  it("an edit checks the window rule against the stored start, and keeps approved changes linked", async () => {
    const engineer = await createUser("NETWORK");
    const c = await createComponent("NETWORK");
    const approved = await createChange(engineer, c.id, "Approved");
    const draft = await createChange(engineer, c.id, "Draft");
    const w = await createMaintenance({ actor: engineer, input: windowInput([c.id], { changeIds: [approved.id, draft.id] }), now: NOW });
    await expect(updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, windowEnd: at(23).toISOString() }, now: NOW })).rejects.toMatchObject({ fields: { windowEnd: "The window must end after it starts" } });
    await expect(updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, changeIds: [draft.id] }, now: NOW })).rejects.toMatchObject({ fields: { changeIds: expect.stringMatching(/cannot be unlinked/) } });
    const unlinked = await updateMaintenance({ actor: engineer, input: { id: w.id, version: 1, changeIds: [approved.id] }, now: NOW });
    expect(unlinked.changeIds).toEqual([approved.id]);
    expect(await auditCount("ChangeRequest", draft.id, "change.maintenance_unlinked")).toBe(1);
  });

  it("an active window puts its components under maintenance; they return to operational at its end", async () => {
    const engineer = await createUser("SYSADMIN");
    const [inside, outside] = await Promise.all([createComponent("SYSADMIN"), createComponent("SYSADMIN")]);
    const w = await createMaintenance({ actor: engineer, input: windowInput([inside.id], { windowStart: at(-1).toISOString(), windowEnd: at(1).toISOString() }), now: NOW });
    expect(w.phase).toBe("in_progress");
    const status = async (id: string) => (await db.component.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(inside.id)).toBe("under_maintenance");
    expect(await status(outside.id)).toBe("operational");

    const ids = [inside.id, outside.id];
    expect(await refreshMaintenanceStatuses(new Date(at(1).getTime() - 1), ids)).toEqual([]);
    expect(await refreshMaintenanceStatuses(at(1), ids)).toEqual([{ id: inside.id, from: "under_maintenance", to: "operational" }]);
    expect(await status(inside.id)).toBe("operational");

    // a future window starts on its own at its start instant
    const later = await createMaintenance({ actor: engineer, input: windowInput([outside.id], { windowStart: at(5).toISOString(), windowEnd: at(6).toISOString() }), now: NOW });
    expect(await status(outside.id)).toBe("operational");
    await refreshMaintenanceStatuses(at(5), ids);
    expect(await status(outside.id)).toBe("under_maintenance");
    // moving it away (an edit) refreshes at once
    await updateMaintenance({ actor: engineer, input: { id: later.id, version: 1, windowStart: at(7).toISOString(), windowEnd: at(8).toISOString() }, now: at(5) });
    expect(await status(outside.id)).toBe("operational");
  });

  it("role matrix: engineers may create, update and notify; VIEWER may not and nothing is written", async () => {
    const c = await createComponent("SRE");
    for (const role of ROLES as readonly Role[]) {
      const actor = await createUser(role);
      const title = `Matrix ${role} ${uid()}`;
      if (role === "VIEWER") {
        const engineer = await createUser("SRE");
        const w = await createMaintenance({ actor: engineer, input: windowInput([c.id]), now: NOW });
        await expect(createMaintenance({ actor, input: windowInput([c.id], { title }), now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(updateMaintenance({ actor, input: { id: w.id, version: 1, title }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(notifyMaintenance({ actor, input: { id: w.id }, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
        expect(await db.maintenanceWindow.count({ where: { title } })).toBe(0);
        expect(await db.maintenanceWindow.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ version: 1, notifiedAt: null });
        expect(await db.auditLog.count({ where: { actorId: actor.id } })).toBe(0);
        continue;
      }
      const w = await createMaintenance({ actor, input: windowInput([c.id], { title }), now: NOW });
      await updateMaintenance({ actor, input: { id: w.id, version: 1, impact: `Edited by ${role}` }, now: NOW });
      expect(await notifyMaintenance({ actor, input: { id: w.id }, now: NOW })).toMatchObject({ sent: true });
      expect(await db.auditLog.count({ where: { actorId: actor.id, entityId: w.id } })).toBe(3);
    }
  });
});
