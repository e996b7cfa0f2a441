import { describe, expect, it } from "vitest";
import { POST as deployEvents } from "../../app/api/v1/changes/[id]/deploy-events/route";
import { GET as deployGateRoute } from "../../app/api/v1/changes/[id]/deploy-gate/route";
import { GET as listFreezesRoute, POST as createFreezeRoute } from "../../app/api/v1/freezes/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { getDeployGate, overdueEmergencyChanges } from "../../lib/changes/deploy";
import { transitionChange } from "../../lib/changes/transition-change";
import { db } from "../../lib/db/client";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { createComponent, createUser, uid } from "../support/factories";
import { fullInput, linkWindow, snapshot } from "./changes-helpers";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, actor: Actor | null, id: string, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (actor) headers.authorization = `Bearer ${(await createApiToken({ actor, input: { name: "pipeline" } })).secret}`;
  const req = new Request(`http://t/api/v1/changes/${id}/deploy`, { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } } };
}

/** A component in a group of its own (freeze periods of this file never touch other tests), its owner, a requester and an ARCHITECT. */
async function setup() {
  const group = `Group ${uid()}`;
  const component = await createComponent("NETWORK", { group });
  const [requester, architect, viewer] = await Promise.all([createUser("AUTOMATION"), createUser("ARCHITECT"), createUser("VIEWER")]);
  return { group, component, requester, architect, viewer };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** A Scheduled change whose planned window is [start, end). */
async function scheduled(s: Setup, start: Date, end: Date, extra: Record<string, unknown> = {}) {
  const change = await createChange({ actor: s.requester, input: fullInput(s.component.id, { submit: true, plannedStart: start.toISOString(), plannedEnd: end.toISOString(), ...extra }) });
  await linkWindow(change.id, s.component.id, s.requester);
  await approveChange({ actor: s.architect, input: { id: change.id } });
  return transitionChange({ actor: s.requester, input: { id: change.id, to: "Scheduled" } });
}

const freeze = (s: Setup, start: Date, end: Date, name = `Freeze ${uid()}`) =>
  db.freezePeriod.create({ data: { name, reason: "Product launch", start, end, componentGroup: s.group, createdById: s.architect.id } });

describe("GET /changes/{id}/deploy-gate", () => {
  it("needs a token; answers allowed only inside the window (half-open) and outside freezes", async () => {
    const s = await setup();
    const start = new Date("2030-03-01T20:00:00Z");
    const end = new Date("2030-03-01T22:00:00Z");
    const c = await scheduled(s, start, end);
    expect((await call(deployGateRoute, null, c.id)).status).toBe(401);
    const now = await call(deployGateRoute, s.viewer, c.id);
    expect(now).toMatchObject({ status: 200, json: { allowed: false, change: { number: c.number, status: "Scheduled" }, window: { start: start.toISOString(), end: end.toISOString() } } });
    expect(now.json.reasons).toEqual([`The window opens at ${start.toISOString()}`]);
    const at = (d: Date) => getDeployGate({ actor: s.viewer, id: c.id, now: d });
    expect((await at(new Date(start.getTime() - 1))).allowed).toBe(false);
    expect((await at(start)).allowed).toBe(true);
    expect((await at(new Date(end.getTime() - 1))).allowed).toBe(true);
    expect((await at(end)).allowed).toBe(false);
    await freeze(s, new Date("2030-03-01T21:00:00Z"), new Date("2030-03-02T00:00:00Z"), "Launch week");
    const frozen = await at(new Date("2030-03-01T21:30:00Z"));
    expect(frozen.allowed).toBe(false);
    expect(frozen.reasons.join()).toMatch(/Launch week/);
    expect((await call(deployGateRoute, s.viewer, "nope")).status).toBe(404);
  });

  it("an open P1 on the component closes the gate of a Normal change", async () => {
    const s = await setup();
    const c = await scheduled(s, new Date("2030-04-01T20:00:00Z"), new Date("2030-04-01T22:00:00Z"));
    const inside = new Date("2030-04-01T21:00:00Z");
    expect((await getDeployGate({ actor: s.viewer, id: c.id, now: inside })).allowed).toBe(true);
    const inc = await declareIncident({ actor: s.architect, input: { title: "Down", severity: "P1", impact: "All", currentAction: "Looking", componentIds: [s.component.id] } });
    const g = await getDeployGate({ actor: s.viewer, id: c.id, now: inside });
    expect(g.allowed).toBe(false);
    expect(g.reasons.join()).toContain(`INC-${inc.number}`);
  });
});

describe("POST /changes/{id}/deploy-events", () => {
  it("refuses a VIEWER (403), bad input (400 naming the field) and a closed gate (422), writing nothing", async () => {
    const s = await setup();
    const c = await scheduled(s, new Date("2030-05-01T20:00:00Z"), new Date("2030-05-01T22:00:00Z"));
    const before = await snapshot(c.id);
    expect((await call(deployEvents, s.viewer, c.id, { event: "started" })).status).toBe(403);
    expect(await call(deployEvents, s.requester, c.id, { event: "deployed" })).toMatchObject({ status: 400, json: { error: { fields: { event: expect.any(String) } } } });
    expect(await call(deployEvents, s.requester, c.id, { event: "started", pipelineUrl: "not a url" })).toMatchObject({ status: 400, json: { error: { fields: { pipelineUrl: expect.any(String) } } } });
    expect(await call(deployEvents, s.requester, c.id, { event: "started", commit: "x".repeat(201) })).toMatchObject({ status: 400, json: { error: { fields: { commit: expect.any(String) } } } });
    const closed = await call(deployEvents, s.requester, c.id, { event: "started" });
    expect(closed).toMatchObject({ status: 422, json: { error: { code: "gate_blocked" } } });
    expect(closed.json.error!.message).toMatch(/window opens/);
    expect(await snapshot(c.id)).toEqual(before);
    expect(await db.deployRecord.count({ where: { changeId: c.id } })).toBe(0);
  });

  it("started → In progress, succeeded → Completed, each with a deploy record and an audit row", async () => {
    const s = await setup();
    const now = Date.now();
    const c = await scheduled(s, new Date(now - 3600_000), new Date(now + 3600_000));
    const started = await call(deployEvents, s.requester, c.id, { event: "started", pipelineUrl: "https://ci.example.com/run/1", commit: "abc123" });
    expect(started).toMatchObject({ status: 201, json: { status: "In progress", startedAt: expect.any(String) } });
    const again = await call(deployEvents, s.requester, c.id, { event: "started", pipelineUrl: "https://ci.example.com/run/2" });
    expect(again).toMatchObject({ status: 201, json: { status: "In progress" } });
    expect(await call(deployEvents, s.requester, c.id, { event: "succeeded", pipelineUrl: "https://ci.example.com/run/2", commit: "abc123" })).toMatchObject({ status: 201, json: { status: "Completed" } });
    const records = await db.deployRecord.findMany({ where: { changeId: c.id }, orderBy: { createdAt: "asc" } });
    expect(records.map((r) => [r.event, r.source, r.componentId])).toEqual([
      ["started", "pipeline", s.component.id],
      ["started", "pipeline", s.component.id],
      ["succeeded", "pipeline", s.component.id],
    ]);
    expect(records[0]).toMatchObject({ pipelineUrl: "https://ci.example.com/run/1", commit: "abc123" });
    expect(await db.auditLog.count({ where: { entityId: c.id, action: "change.deploy_event" } })).toBe(3);
  });
});

describe("freeze periods and change kinds", () => {
  it("scheduling a Normal change that overlaps a freeze is 422 naming it; touching the edge is fine", async () => {
    const s = await setup();
    await freeze(s, new Date("2030-06-01T00:00:00Z"), new Date("2030-06-08T00:00:00Z"), "Year-end freeze");
    const change = await createChange({ actor: s.requester, input: fullInput(s.component.id, { submit: true, plannedStart: "2030-06-07T22:00:00Z", plannedEnd: "2030-06-08T02:00:00Z" }) });
    await linkWindow(change.id, s.component.id, s.requester);
    await expect(approveChange({ actor: s.architect, input: { id: change.id } })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/Year-end freeze/) });
    const edge = await createChange({ actor: s.requester, input: fullInput(s.component.id, { submit: true, plannedStart: "2030-06-08T00:00:00Z", plannedEnd: "2030-06-08T02:00:00Z" }) });
    await linkWindow(edge.id, s.component.id, s.requester);
    // it also overlaps the first (still Submitted) change on the component: a conflict to confirm
    await expect(approveChange({ actor: s.architect, input: { id: edge.id } })).rejects.toMatchObject({ status: 422, fields: { conflictReason: expect.any(String) } });
    await approveChange({ actor: s.architect, input: { id: edge.id, conflictReason: "The first change cannot be approved in the freeze" } });
    expect((await transitionChange({ actor: s.requester, input: { id: edge.id, to: "Scheduled" } })).status).toBe("Scheduled");
  });

  it("an Emergency change passes a freeze only with an override reason, which is recorded", async () => {
    const s = await setup();
    await freeze(s, new Date("2030-07-01T00:00:00Z"), new Date("2030-07-08T00:00:00Z"), "Launch freeze");
    const change = await createChange({ actor: s.requester, input: fullInput(s.component.id, { kind: "Emergency", submit: true, plannedStart: "2030-07-02T00:00:00Z", plannedEnd: "2030-07-02T02:00:00Z" }) });
    await linkWindow(change.id, s.component.id, s.requester);
    await expect(approveChange({ actor: s.architect, input: { id: change.id } })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/override reason/) });
    await approveChange({ actor: s.architect, input: { id: change.id, overrideReason: "Customer data at risk" } });
    await expect(transitionChange({ actor: s.requester, input: { id: change.id, to: "Scheduled" } })).rejects.toMatchObject({ status: 422 });
    const after = await transitionChange({ actor: s.requester, input: { id: change.id, to: "Scheduled", overrideReason: "Customer data at risk" } });
    expect(after).toMatchObject({ status: "Scheduled", freezeOverrideReason: "Customer data at risk" });
    expect(await db.auditLog.count({ where: { entityId: change.id, action: "change.freeze_period_overridden" } })).toBe(2);
  });

  it("an Emergency change linked to an open P1 starts before approval and is approved retroactively", async () => {
    const s = await setup();
    const inc = await declareIncident({ actor: s.architect, input: { title: "Down", severity: "P1", impact: "All", currentAction: "Looking", componentIds: [s.component.id] } });
    const plain = await createChange({ actor: s.requester, input: fullInput(s.component.id, { kind: "Emergency", submit: true }) });
    await expect(transitionChange({ actor: s.requester, input: { id: plain.id, to: "In progress" } })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/P1\/P2/) });
    const change = await createChange({ actor: s.requester, input: fullInput(s.component.id, { kind: "Emergency", emergencyIncidentId: inc.id, submit: true }) });
    const t0 = new Date("2030-08-01T10:00:00Z");
    const started = await transitionChange({ actor: s.requester, input: { id: change.id, to: "In progress" }, now: t0 });
    expect(started).toMatchObject({ status: "InProgress", startedAt: t0, kind: "Emergency" });
    await linkWindow(change.id, s.component.id, s.requester);
    await expect(approveChange({ actor: s.requester, input: { id: change.id } })).rejects.toMatchObject({ status: 403 });
    const due = new Date("2030-08-02T10:00:00Z");
    expect((await overdueEmergencyChanges(new Date(due.getTime() - 1))).map((c) => c.id)).not.toContain(change.id);
    expect((await overdueEmergencyChanges(due)).find((c) => c.id === change.id)).toMatchObject({ deadline: due.toISOString(), status: "In progress" });
    const approved = await approveChange({ actor: s.architect, input: { id: change.id, comment: "Right call" } });
    expect((await overdueEmergencyChanges(due)).map((c) => c.id)).not.toContain(change.id);
    expect(approved.status).toBe("InProgress");
    expect(approved.approvals).toHaveLength(1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: change.id, action: "change.approved" } });
    expect(audit.data).toMatchObject({ retroactive: true });
  });

  it("refuses an unknown linked incident and a Standard change filed directly (400)", async () => {
    const s = await setup();
    await expect(createChange({ actor: s.requester, input: fullInput(s.component.id, { kind: "Emergency", emergencyIncidentId: "nope" }) })).rejects.toMatchObject({ status: 400, fields: { emergencyIncidentId: "Unknown incident" } });
    await expect(createChange({ actor: s.requester, input: fullInput(s.component.id, { kind: "Standard" }) })).rejects.toMatchObject({ status: 400, fields: { kind: expect.any(String) } });
  });
});

describe("/api/v1/freezes", () => {
  it("only an ARCHITECT defines a freeze; bad input is 400 naming the field; everyone signed in lists them", async () => {
    const s = await setup();
    const sre = await createUser("SRE");
    const body = { name: "Year-end", reason: "Trading peak", start: "2031-12-20T00:00Z", end: "2032-01-02T00:00Z", componentGroup: s.group };
    expect((await call(createFreezeRoute, null, "", body)).status).toBe(401);
    expect((await call(createFreezeRoute, sre, "", body)).status).toBe(403);
    expect((await call(createFreezeRoute, s.viewer, "", body)).status).toBe(403);
    expect(await call(createFreezeRoute, s.architect, "", { ...body, end: "2031-12-19T00:00Z" })).toMatchObject({ status: 400, json: { error: { fields: { end: expect.any(String) } } } });
    expect(await call(createFreezeRoute, s.architect, "", { ...body, reason: "" })).toMatchObject({ status: 400, json: { error: { fields: { reason: expect.any(String) } } } });
    expect(await call(createFreezeRoute, s.architect, "", { ...body, name: "x".repeat(201) })).toMatchObject({ status: 400, json: { error: { fields: { name: expect.any(String) } } } });
    expect(await db.freezePeriod.count({ where: { componentGroup: s.group } })).toBe(0);
    const created = await call(createFreezeRoute, s.architect, "", body);
    expect(created).toMatchObject({ status: 201, json: { name: "Year-end", start: "2031-12-20T00:00:00.000Z", componentGroup: s.group } });
    expect(await db.auditLog.count({ where: { entity: "FreezePeriod", entityId: created.json.id as string, action: "freeze.created" } })).toBe(1);
    const list = await call(listFreezesRoute, s.viewer, "");
    expect((list.json.items as { id: string }[]).map((f) => f.id)).toContain(created.json.id);
  });
});
