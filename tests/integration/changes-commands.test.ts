import { describe, expect, it } from "vitest";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { getChange, getChangeHistory, listChanges } from "../../lib/changes/queries";
import { rejectChange } from "../../lib/changes/reject-change";
import { setReadinessItem } from "../../lib/changes/set-readiness-item";
import { submitChange } from "../../lib/changes/submit-change";
import { transitionChange } from "../../lib/changes/transition-change";
import { updateChange } from "../../lib/changes/update-change";
import { db } from "../../lib/db/client";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import { notifyMaintenance } from "../../lib/maintenance/notify-maintenance";
import type { Actor } from "../../lib/auth/session";
import { ConflictError, ForbiddenError, GateBlockedError, ValidationError } from "../../lib/errors";
import { auditCount } from "../support/factories";
import { fullInput, linkWindow, readyChange, snapshot, world } from "./changes-helpers";

const READINESS = ["provisioned", "securityHardened", "monitoringConfigured", "alertsDefined", "runbooks", "drTested"] as const;

async function expectUnchanged(changeId: string, attempt: () => Promise<unknown>, error: new (...a: never[]) => Error) {
  const before = await snapshot(changeId);
  await expect(attempt()).rejects.toBeInstanceOf(error);
  expect(await snapshot(changeId)).toEqual(before);
}

/** An open incident on one component, declared through the incident command. */
async function openIncident(componentId: string, declarer: Actor, severity: "P1" | "P2" | "P3" = "P1") {
  return declareIncident({ actor: declarer, input: { title: "Core switch down", severity, impact: "Packet loss", currentAction: "Failing over", componentIds: [componentId] } });
}

describe("createChange", () => {
  it("files a Draft with the actor as requester, whatever the input says, and audits it", async () => {
    const w = await world();
    const change = await createChange({ actor: w.requester, input: { ...fullInput(w.component.id), requesterId: w.owner.id } });
    expect(change).toMatchObject({ status: "Draft", requesterId: w.requester.id, version: 1 });
    expect(await auditCount("ChangeRequest", change.id, "change.created")).toBe(1);
  });

  it("submits on create with submit: true and notifies the component's owners, not the requester", async () => {
    const w = await world();
    const change = await createChange({ actor: w.requester, input: fullInput(w.component.id, { submit: true }) });
    expect(change.status).toBe("Submitted");
    expect(await auditCount("ChangeRequest", change.id, "change.submitted")).toBe(1);
    const targets = (await db.outboxMessage.findMany({ where: { channel: "in_app", payload: { path: ["data", "changeId"], equals: change.id } } })).map((m) => m.target);
    expect(targets).toEqual(expect.arrayContaining([w.owner.id, w.owner2.id]));
    expect(targets).not.toContain(w.requester.id);
    const roles = await db.user.findMany({ where: { id: { in: targets } }, select: { role: true } });
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(["NETWORK"]));
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const w = await world();
    const description = `Never stored ${w.component.id}`;
    const err = await createChange({ actor: w.requester, input: { type: "Sideways", componentId: w.component.id, description, justification: "", timeline: "soon", impact: "x", plannedStart: "2026-12-01T04:00", plannedEnd: "2026-12-01T02:00" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fields!)).toEqual(expect.arrayContaining(["type", "justification", "timeline"]));
    await expect(createChange({ actor: w.requester, input: fullInput("no-such-component") })).rejects.toMatchObject({ fields: { componentId: "Unknown component" } });
    expect(await db.changeRequest.count({ where: { description } })).toBe(0);
  });

  it("a VIEWER may not file changes", async () => {
    const w = await world();
    await expect(createChange({ actor: w.viewer, input: fullInput(w.component.id) })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.changeRequest.count({ where: { requesterId: w.viewer.id } })).toBe(0);
  });
});

describe("updateChange", () => {
  it("edits with the current version and increments it; a stale version is a 409 that writes nothing", async () => {
    const w = await world();
    const c = await createChange({ actor: w.requester, input: fullInput(w.component.id) });
    const edited = await updateChange({ actor: w.requester, input: { id: c.id, version: 1, impact: "None", riskAssessment: "" } });
    expect(edited).toMatchObject({ version: 2, impact: "None", riskAssessment: null });
    expect(await auditCount("ChangeRequest", c.id, "change.updated")).toBe(1);
    await expectUnchanged(c.id, () => updateChange({ actor: w.requester, input: { id: c.id, version: 1, impact: "Stale" } }), ConflictError);
  });

  it("only the requester or an ARCHITECT edits, and only while Draft/Submitted", async () => {
    const w = await world();
    const c = await readyChange(w);
    await expectUnchanged(c.id, () => updateChange({ actor: w.owner, input: { id: c.id, version: c.version, impact: "x" } }), ForbiddenError);
    await expectUnchanged(c.id, () => updateChange({ actor: w.viewer, input: { id: c.id, version: c.version, impact: "x" } }), ForbiddenError);
    const byArchitect = await updateChange({ actor: w.architect, input: { id: c.id, version: c.version, impact: "Reviewed" } });
    await approveChange({ actor: w.owner, input: { id: c.id } });
    await expectUnchanged(c.id, () => updateChange({ actor: w.requester, input: { id: c.id, version: byArchitect.version + 1, impact: "late" } }), GateBlockedError);
  });

  it("editing a Submitted change discards the approvals collected so far", async () => {
    const w = await world();
    const c = await readyChange(w, { structural: true });
    const partly = await approveChange({ actor: w.owner, input: { id: c.id } });
    expect(partly.approvals).toHaveLength(1);
    const edited = await updateChange({ actor: w.requester, input: { id: c.id, version: partly.version, description: "Reworded" } });
    expect(edited.approvals).toHaveLength(0);
  });
});

describe("approvals", () => {
  it("nobody approves their own change; only owner-role holders or ARCHITECTs approve; refusals write nothing", async () => {
    const w = await world();
    const c = await readyChange(w);
    for (const actor of [w.requester, w.sre, w.dba, w.sysadmin, w.viewer]) await expectUnchanged(c.id, () => approveChange({ actor, input: { id: c.id } }), ForbiddenError);
    const own = await readyChange(w, {}, w.architect);
    await expectUnchanged(own.id, () => approveChange({ actor: w.architect, input: { id: own.id } }), ForbiddenError);
  });

  it("is refused with gate_blocked listing the missing items until the gate holds", async () => {
    const w = await world();
    const c = await createChange({ actor: w.requester, input: fullInput(w.component.id, { submit: true, monitoring: "" }) });
    const before = await snapshot(c.id);
    const err = await approveChange({ actor: w.owner, input: { id: c.id } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateBlockedError);
    expect(Object.keys((err as GateBlockedError).fields!).sort()).toEqual(["monitoringPrepared", "stakeholdersNotified", "windowScheduled"]);
    expect(await snapshot(c.id)).toEqual(before);

    const withMonitoring = await updateChange({ actor: w.requester, input: { id: c.id, version: c.version, monitoring: "Grafana LB board" } });
    const mw = await linkWindow(c.id, w.component.id, w.requester, false);
    const err2 = await approveChange({ actor: w.owner, input: { id: c.id } }).catch((e: unknown) => e);
    expect((err2 as GateBlockedError).fields).toEqual({ stakeholdersNotified: expect.stringContaining(`MW-${mw.number}`) });

    await notifyMaintenance({ actor: w.requester, input: { id: mw.id }, now: new Date("2026-11-20T08:00:00Z") });
    const detail = await getChange(c.id, w.owner);
    expect(detail.gates.approval.every((i) => i.done && i.derived)).toBe(true);
    expect(detail.gates.approval.find((i) => i.key === "windowScheduled")!.detail).toBe(`MW-${mw.number}, 2026-12-01 02:00–04:00 UTC`);
    expect(detail.can?.decide).toBe(true);
    const approved = await approveChange({ actor: w.owner, input: { id: c.id } });
    expect(approved).toMatchObject({ status: "Approved", version: withMonitoring.version + 1 });
    expect(await auditCount("ChangeRequest", c.id, "change.approved")).toBe(1);
    const note = await db.outboxMessage.findFirst({ where: { channel: "in_app", target: w.requester.id, payload: { path: ["event"], equals: "change.approved" } }, orderBy: { createdAt: "desc" } });
    expect(note?.subject).toBe(`CR-${c.number} approved`);
  });

  it("a structural or High-risk change needs an ARCHITECT approval in addition (two people)", async () => {
    const w = await world();
    const c = await readyChange(w, { structural: true });
    const one = await approveChange({ actor: w.owner, input: { id: c.id } });
    expect(one.status).toBe("Submitted");
    const two = await approveChange({ actor: w.owner2, input: { id: c.id } });
    expect(two.status).toBe("Submitted");
    await expectUnchanged(c.id, () => approveChange({ actor: w.owner, input: { id: c.id } }), ConflictError);
    const three = await approveChange({ actor: w.architect, input: { id: c.id } });
    expect(three.status).toBe("Approved");
    expect(await auditCount("ChangeRequest", c.id, "change.approved")).toBe(3);

    const high = await readyChange(w, { riskLevel: "High" });
    const arch = await approveChange({ actor: w.architect, input: { id: high.id } });
    expect(arch.status).toBe("Submitted");
    expect((await getChange(high.id, w.owner)).missingApprovals).toEqual([expect.stringContaining("second person")]);
    expect((await approveChange({ actor: w.architect2, input: { id: high.id } })).status).toBe("Approved");
  });

  it("rejection needs a comment and records who and why", async () => {
    const w = await world();
    const c = await readyChange(w);
    await expectUnchanged(c.id, () => rejectChange({ actor: w.owner, input: { id: c.id } }), ValidationError);
    await expectUnchanged(c.id, () => rejectChange({ actor: w.sre, input: { id: c.id, comment: "no" } }), ForbiddenError);
    const r = await rejectChange({ actor: w.owner, input: { id: c.id, comment: "Not during the freeze" } });
    expect(r.status).toBe("Rejected");
    expect(r.approvals[0]).toMatchObject({ approverId: w.owner.id, decision: "reject", comment: "Not during the freeze" });
    expect(await auditCount("ChangeRequest", c.id, "change.rejected")).toBe(1);
  });
});

describe("transitions and the readiness gate", () => {
  it("moves an approved change through Scheduled and In progress to Completed; strangers may not", async () => {
    const w = await world();
    const c = await readyChange(w);
    await approveChange({ actor: w.owner, input: { id: c.id } });
    await expectUnchanged(c.id, () => transitionChange({ actor: w.sre, input: { id: c.id, to: "Scheduled" } }), ForbiddenError);
    await expectUnchanged(c.id, () => transitionChange({ actor: w.requester, input: { id: c.id, to: "Completed" } }), GateBlockedError);
    await expectUnchanged(c.id, () => transitionChange({ actor: w.requester, input: { id: c.id, to: "Approved" } }), GateBlockedError);
    await expectUnchanged(c.id, () => transitionChange({ actor: w.requester, input: { id: c.id, to: "Sideways" } }), ValidationError);
    const s = await transitionChange({ actor: w.requester, input: { id: c.id, to: "Scheduled" } });
    await expectUnchanged(c.id, () => transitionChange({ actor: w.owner, input: { id: c.id, to: "In progress", version: s.version - 1 } }), ConflictError);
    const p = await transitionChange({ actor: w.owner, input: { id: c.id, to: "In progress", version: s.version } });
    expect(p.status).toBe("InProgress");
    const done = await transitionChange({ actor: w.architect, input: { id: c.id, to: "Completed" } });
    expect(done.status).toBe("Completed");
    const history = await getChangeHistory(c.id);
    // the window is linked and notified through the maintenance commands, so its events are part of the history
    expect(history.map((h) => h.action)).toEqual(["change.created", "change.submitted", "change.maintenance_linked", "change.stakeholders_notified", "change.approved", "change.scheduled", "change.started", "change.completed"]);
  });

  it("a TYPE New change completes only when every readiness item is ticked with evidence", async () => {
    const w = await world();
    const c = await readyChange(w, { type: "New" });
    await approveChange({ actor: w.owner, input: { id: c.id } });
    await transitionChange({ actor: w.requester, input: { id: c.id, to: "Scheduled" } });
    await transitionChange({ actor: w.requester, input: { id: c.id, to: "In progress" } });
    const err = await transitionChange({ actor: w.requester, input: { id: c.id, to: "Completed" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateBlockedError);
    expect(Object.keys((err as GateBlockedError).fields!)).toEqual([...READINESS]);

    await expectUnchanged(c.id, () => setReadinessItem({ actor: w.requester, input: { id: c.id, item: "runbooks", done: true, evidence: "see wiki" } }), ValidationError);
    await expectUnchanged(c.id, () => setReadinessItem({ actor: w.requester, input: { id: c.id, item: "provisioned", done: true, evidence: "" } }), ValidationError);
    await expectUnchanged(c.id, () => setReadinessItem({ actor: w.sre, input: { id: c.id, item: "provisioned", done: true, evidence: "x" } }), ForbiddenError);
    for (const item of READINESS) await setReadinessItem({ actor: w.owner, input: { id: c.id, item, done: true, evidence: item === "runbooks" ? "https://wiki.local/runbooks/lb" : `${item} done` } });
    await setReadinessItem({ actor: w.requester, input: { id: c.id, item: "drTested", done: false, evidence: "DR test was on the wrong site" } });
    const blocked = await transitionChange({ actor: w.requester, input: { id: c.id, to: "Completed" } }).catch((e: unknown) => e);
    expect((blocked as GateBlockedError).fields).toEqual({ drTested: expect.any(String) });
    expect(await auditCount("ChangeRequest", c.id, "change.readiness_unticked")).toBe(1);
    const detail = await getChange(c.id, w.owner);
    expect(detail.gates.readiness.find((i) => i.key === "drTested")!.detail).toContain(`Unticked by ${w.requester.name}`);
    expect(detail.gates.readiness.find((i) => i.key === "runbooks")!.detail).toContain(`Ticked by ${w.owner.name}`);

    await setReadinessItem({ actor: w.owner, input: { id: c.id, item: "drTested", done: true, evidence: "Failover drill 2026-11-30" } });
    expect((await transitionChange({ actor: w.requester, input: { id: c.id, to: "Completed" } })).status).toBe("Completed");
    expect(await auditCount("ChangeRequest", c.id, "change.readiness_ticked")).toBe(7);
  });

  it("submit is the requester's; cancel from open states; closed changes stay closed", async () => {
    const w = await world();
    const c = await createChange({ actor: w.requester, input: fullInput(w.component.id) });
    await expectUnchanged(c.id, () => submitChange({ actor: w.owner, input: { id: c.id } }), ForbiddenError);
    const s = await submitChange({ actor: w.requester, input: { id: c.id, version: 1 } });
    expect(s.status).toBe("Submitted");
    const x = await transitionChange({ actor: w.owner, input: { id: c.id, to: "Cancelled" } });
    expect(x.status).toBe("Cancelled");
    await expectUnchanged(c.id, () => transitionChange({ actor: w.requester, input: { id: c.id, to: "Submitted" } }), GateBlockedError);
    await expectUnchanged(c.id, () => setReadinessItem({ actor: w.requester, input: { id: c.id, item: "provisioned", done: true, evidence: "x" } }), GateBlockedError);
  });
});

describe("change freeze (open P1/P2 on the component)", () => {
  it("refuses approving and starting, naming the incident, unless an ARCHITECT overrides with a reason", async () => {
    const w = await world();
    const c = await readyChange(w);
    const inc = await openIncident(w.component.id, w.sre, "P2");
    const err = await approveChange({ actor: w.owner, input: { id: c.id } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateBlockedError);
    expect((err as GateBlockedError).message).toContain(`INC-${inc.number}`);
    await expectUnchanged(c.id, () => approveChange({ actor: w.owner, input: { id: c.id, overrideReason: "I insist" } }), GateBlockedError);
    await expectUnchanged(c.id, () => approveChange({ actor: w.architect, input: { id: c.id } }), GateBlockedError);
    const ok = await approveChange({ actor: w.architect, input: { id: c.id, overrideReason: "This change is the fix" } });
    expect(ok.status).toBe("Approved");
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: c.id, action: "change.freeze_overridden" } });
    expect(row.data).toMatchObject({ event: "approve", overrideReason: "This change is the fix", incidents: [`INC-${inc.number}`] });

    await transitionChange({ actor: w.requester, input: { id: c.id, to: "Scheduled" } });
    await expectUnchanged(c.id, () => transitionChange({ actor: w.requester, input: { id: c.id, to: "In progress" } }), GateBlockedError);
    await resolveIncident({ actor: w.sre, id: inc.id, input: { resolution: "Fixed" } });
    expect((await transitionChange({ actor: w.requester, input: { id: c.id, to: "In progress" } })).status).toBe("InProgress");
  });

  it("P3 incidents and incidents on other components do not freeze", async () => {
    const w = await world();
    const c = await readyChange(w);
    await openIncident(w.component.id, w.sre, "P3");
    const other = await world();
    await openIncident(other.component.id, w.sre, "P1");
    expect((await approveChange({ actor: w.owner, input: { id: c.id } })).status).toBe("Approved");
  });
});

describe("listChanges", () => {
  it("filters by status, component, risk, requester, text and 'needs my approval', with cursor pagination", async () => {
    const w = await world();
    const tag = `needle-${w.component.id}`;
    const draft = await createChange({ actor: w.requester, input: fullInput(w.component.id, { description: `${tag} draft`, riskLevel: "Low" }) });
    const sub = await createChange({ actor: w.requester, input: fullInput(w.component.id, { description: `${tag} submitted`, submit: true, riskLevel: "High" }) });
    const mine = await createChange({ actor: w.owner, input: fullInput(w.component.id, { description: `${tag} by owner`, submit: true }) });

    const ids = async (q: Record<string, unknown>, actor = w.owner) => (await listChanges(actor, { component: w.component.id, ...q })).data.map((r) => r.id);
    expect((await ids({})).sort()).toEqual([draft.id, sub.id, mine.id].sort());
    expect(await ids({ status: "Draft" })).toEqual([draft.id]);
    expect(await ids({ risk: "High" })).toEqual([sub.id]);
    expect((await ids({ requester: w.requester.id })).sort()).toEqual([draft.id, sub.id].sort());
    expect(await ids({ requester: "me" })).toEqual([mine.id]);
    expect(await ids({ q: `${tag.toUpperCase()} DRAFT` })).toEqual([draft.id]);
    expect(await ids({ q: `CR-${sub.number}` })).toEqual([sub.id]);
    expect(await ids({ needsMyApproval: "true" })).toEqual([sub.id]);
    expect((await ids({ needsMyApproval: "true" }, w.architect)).sort()).toEqual([sub.id, mine.id].sort());
    expect(await ids({ needsMyApproval: "true" }, w.sre)).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await listChanges(w.owner, { component: w.component.id, limit: 1, sort: "number", cursor });
      seen.push(...page.data.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([draft.id, sub.id, mine.id]);
    await expect(listChanges(w.owner, { limit: 1000 })).rejects.toBeInstanceOf(ValidationError);
  });
});
