import { describe, expect, it } from "vitest";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { remindEmergencyApprovals } from "../../lib/changes/emergency-reminder-job";
import { transitionChange } from "../../lib/changes/transition-change";
import { db } from "../../lib/db/client";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { createComponent, createUser } from "../support/factories";
import { fullInput, linkWindow } from "./changes-helpers";

const reminders = (changeId: string) =>
  db.outboxMessage.findMany({ where: { channel: "in_app", payload: { path: ["data", "changeId"], equals: changeId } }, select: { target: true, payload: true }, orderBy: { createdAt: "asc" } });

describe("Emergency retroactive-approval reminders", () => {
  it("reminds owners, ARCHITECTs and the requester (in-app, through the outbox) at 12 h / 4 h / 1 h before the deadline and when overdue, once each; none after approval", async () => {
    const component = await createComponent("DBA");
    const [requester, owner, architect] = await Promise.all([createUser("AUTOMATION"), createUser("DBA"), createUser("ARCHITECT")]);
    const inc = await declareIncident({ actor: architect, input: { title: "DB down", severity: "P1", impact: "All", currentAction: "Failover", componentIds: [component.id] } });
    const change = await createChange({ actor: requester, input: fullInput(component.id, { kind: "Emergency", emergencyIncidentId: inc.id, submit: true }) });
    const t0 = new Date("2031-01-10T10:00:00Z");
    await transitionChange({ actor: requester, input: { id: change.id, to: "In progress" }, now: t0 });
    const before = (await reminders(change.id)).length;
    const h = (n: number) => new Date(t0.getTime() + n * 3600_000);

    await remindEmergencyApprovals(h(11.99));
    expect((await reminders(change.id)).length).toBe(before);
    await remindEmergencyApprovals(h(12));
    await remindEmergencyApprovals(h(12.5)); // same slot: nothing new
    let rows = (await reminders(change.id)).slice(before);
    const targets = new Set(rows.map((r) => r.target));
    expect(targets.has(owner.id) && targets.has(architect.id) && targets.has(requester.id)).toBe(true);
    const perSlot = rows.length;
    expect(rows.every((r) => (r.payload as { data: { slot: string } }).data.slot === "12h")).toBe(true);
    await remindEmergencyApprovals(h(20));
    await remindEmergencyApprovals(h(23));
    await remindEmergencyApprovals(h(24));
    rows = (await reminders(change.id)).slice(before);
    expect(rows.length).toBe(perSlot * 4);
    expect(rows.map((r) => (r.payload as { data: { slot: string } }).data.slot).filter((s, i, a) => a.indexOf(s) === i)).toEqual(["12h", "4h", "1h", "overdue"]);
    expect((rows.at(-1)!.payload as { title: string }).title).toMatch(/overdue/);

    // approved retroactively: no further reminders for a new change's slots either
    const second = await createChange({ actor: requester, input: fullInput(component.id, { kind: "Emergency", emergencyIncidentId: inc.id, submit: true }) });
    await transitionChange({ actor: requester, input: { id: second.id, to: "In progress" }, now: t0 });
    await linkWindow(second.id, component.id, requester);
    await approveChange({ actor: owner, input: { id: second.id } });
    const n = (await reminders(second.id)).length;
    await remindEmergencyApprovals(h(23));
    expect((await reminders(second.id)).length).toBe(n);
  });
});
