import { describe, expect, it } from "vitest";
import { GET as getOne, PATCH } from "../../app/api/v1/changes/[id]/route";
import { POST as approvals } from "../../app/api/v1/changes/[id]/approvals/route";
import { POST as checklist } from "../../app/api/v1/changes/[id]/checklist/route";
import { POST as transition } from "../../app/api/v1/changes/[id]/transition/route";
import { GET as list, POST as create } from "../../app/api/v1/changes/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { fullInput, linkWindow, readyChange, snapshot, world, type World } from "./changes-helpers";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function bearer(actor: Actor) {
  return (await createApiToken({ actor, input: { name: "t" } })).secret;
}

async function call(handler: Handler, actor: Actor | null, opts: { method?: string; id?: string; body?: unknown; query?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (actor) headers.authorization = `Bearer ${await bearer(actor)}`;
  const req = new Request(`http://t/api/v1/changes${opts.id ? `/${opts.id}` : ""}${opts.query ?? ""}`, {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve<Record<string, string>>(opts.id ? { id: opts.id } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } } };
}

/** The version a client would have read (every state change must send it, issue 11). */
const cv = async (id: string) => (await db.changeRequest.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

const ENGINEER_KEYS = ["requester", "owner", "architect", "sre", "dba", "sysadmin"] as const;

describe("/api/v1/changes role matrix", () => {
  it("anyone signed in reads; engineers file; a VIEWER may not; no token is 401", async () => {
    const w = await world();
    expect((await call(list, null)).status).toBe(401);
    for (const key of [...ENGINEER_KEYS, "viewer"] as const) {
      expect((await call(list, w[key], { query: `?component=${w.component.id}` })).status).toBe(200);
      const res = await call(create, w[key], { body: fullInput(w.component.id, { requesterId: w.architect.id }) });
      if (key === "viewer") expect(res).toMatchObject({ status: 403, json: { error: { code: "forbidden" } } });
      else expect(res).toMatchObject({ status: 201, json: { status: "Draft", requesterId: w[key].id, version: 1 } });
    }
    const bad = await call(create, w.requester, { body: { type: "New" } });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: "validation_failed", fields: { componentId: expect.any(String), description: expect.any(String) } } } });
  });

  it("GET /{id} returns gates, approvals, maintenanceIds and version in API.md shape", async () => {
    const w = await world();
    const c = await readyChange(w);
    const res = await call(getOne, w.viewer, { id: c.id });
    expect(res.status).toBe(200);
    const gates = res.json.gates as { approval: { key: string; done: boolean; derived: boolean }[]; readiness: { key: string; derived: boolean }[] };
    expect(gates.approval.map((i) => i.key)).toEqual(["documented", "riskAssessed", "rollbackPlan", "windowScheduled", "stakeholdersNotified", "monitoringPrepared"]);
    expect(gates.approval.every((i) => i.done && i.derived)).toBe(true);
    expect(gates.readiness.every((i) => !i.derived)).toBe(true);
    expect(res.json).toMatchObject({ status: "Submitted", version: c.version, approvals: [], maintenanceIds: [expect.any(String)], timeline: "2026-12-01" });
    expect((await call(getOne, w.viewer, { id: "nope" })).status).toBe(404);
  });

  it("approvals: only eligible approvers; gate_blocked lists missing keys; refusals change nothing", async () => {
    const w = await world();
    const bare = await call(create, w.requester, { body: fullInput(w.component.id, { submit: true, rollbackPlan: "" }) });
    const id = bare.json.id as string;
    const blocked = await call(approvals, w.owner, { id, body: { decision: "approve", version: await cv(id) } });
    expect(blocked.status).toBe(422);
    expect(blocked.json.error).toMatchObject({ code: "gate_blocked" });
    expect(Object.keys(blocked.json.error!.fields!).sort()).toEqual(["rollbackPlan", "stakeholdersNotified", "windowScheduled"]);

    const c = await readyChange(w);
    const before = await snapshot(c.id);
    const denied: Record<string, number> = {};
    for (const key of ["requester", "sre", "dba", "sysadmin", "viewer"] as const) denied[key] = (await call(approvals, w[key], { id: c.id, body: { decision: "approve", version: await cv(c.id) } })).status;
    expect(denied).toEqual({ requester: 403, sre: 403, dba: 403, sysadmin: 403, viewer: 403 });
    expect((await call(approvals, w.owner, { id: c.id, body: { decision: "reject", version: await cv(c.id) } })).status).toBe(400);
    expect((await call(approvals, w.owner, { id: c.id, body: { decision: "maybe", version: await cv(c.id) } })).status).toBe(400);
    expect(await snapshot(c.id)).toEqual(before);

    const ok = await call(approvals, w.owner, { id: c.id, body: { decision: "approve", comment: "LGTM", version: await cv(c.id) } });
    expect(ok).toMatchObject({ status: 201, json: { status: "Approved", approvals: [{ approverId: w.owner.id, decision: "approve", comment: "LGTM" }] } });

    const c2 = await readyChange(w);
    expect((await call(approvals, w.architect, { id: c2.id, body: { decision: "reject", comment: "Wrong quarter", version: await cv(c2.id) } })).json.status).toBe("Rejected");
  });

  it("transition and checklist: requester, owner role or ARCHITECT; others 403; stale version 409; TYPE New needs readiness", async () => {
    const w: World = await world();
    const c = await readyChange(w, { type: "New" });
    await call(approvals, w.owner, { id: c.id, body: { decision: "approve", version: await cv(c.id) } });
    for (const key of ["sre", "dba", "sysadmin", "viewer"] as const) {
      expect((await call(transition, w[key], { id: c.id, body: { to: "Scheduled", version: await cv(c.id) } })).status).toBe(403);
      expect((await call(checklist, w[key], { id: c.id, body: { item: "provisioned", done: true, evidence: "x", version: await cv(c.id) } })).status).toBe(403);
    }
    const s = await call(transition, w.requester, { id: c.id, body: { to: "Scheduled", version: await cv(c.id) } });
    expect(s.json.status).toBe("Scheduled");
    expect((await call(transition, w.owner, { id: c.id, body: { to: "In progress", version: 1 } })).status).toBe(409);
    expect((await call(transition, w.owner, { id: c.id, body: { to: "In progress", version: s.json.version } })).json.status).toBe("In progress");
    const refused = await call(transition, w.architect, { id: c.id, body: { to: "Completed", version: await cv(c.id) } });
    expect(refused).toMatchObject({ status: 422, json: { error: { code: "gate_blocked" } } });
    expect(Object.keys(refused.json.error!.fields!)).toHaveLength(6);
    expect((await call(checklist, w.owner, { id: c.id, body: { item: "runbooks", done: true, evidence: "not a link", version: await cv(c.id) } })).status).toBe(400);
    for (const item of ["provisioned", "securityHardened", "monitoringConfigured", "alertsDefined", "runbooks", "drTested"])
      expect((await call(checklist, item === "runbooks" ? w.architect : w.requester, { id: c.id, body: { item, done: true, evidence: item === "runbooks" ? "https://wiki.local/rb" : "checked", version: await cv(c.id) } })).status).toBe(200);
    const done = await call(transition, w.architect, { id: c.id, body: { to: "Completed", version: await cv(c.id) } });
    expect(done.json.status).toBe("Completed");
    expect(await db.auditLog.count({ where: { entityId: c.id, action: { startsWith: "change." } } })).toBeGreaterThanOrEqual(11);
  });

  it("PATCH edits with version (requester or ARCHITECT); stale 409; others 403", async () => {
    const w = await world();
    const created = await call(create, w.requester, { body: fullInput(w.component.id) });
    const id = created.json.id as string;
    expect((await call(PATCH, w.owner, { id, method: "PATCH", body: { version: 1, impact: "x" } })).status).toBe(403);
    expect((await call(PATCH, w.viewer, { id, method: "PATCH", body: { version: 1, impact: "x" } })).status).toBe(403);
    expect((await call(PATCH, w.requester, { id, method: "PATCH", body: { impact: "x" } })).status).toBe(400);
    const ok = await call(PATCH, w.requester, { id, method: "PATCH", body: { version: 1, impact: "Updated", structural: true } });
    expect(ok.json).toMatchObject({ version: 2, impact: "Updated", structural: true });
    expect((await call(PATCH, w.architect, { id, method: "PATCH", body: { version: 1, impact: "Stale" } })).status).toBe(409);
    await linkWindow(id, w.component.id, w.requester);
    expect((await call(transition, w.requester, { id, body: { to: "Submitted", version: await cv(id) } })).json.status).toBe("Submitted");
  });
});
