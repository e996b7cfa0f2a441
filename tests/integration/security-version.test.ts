import { describe, expect, it, vi } from "vitest";
import { POST as approvals } from "../../app/api/v1/changes/[id]/approvals/route";
import { POST as checklist } from "../../app/api/v1/changes/[id]/checklist/route";
import { POST as transition } from "../../app/api/v1/changes/[id]/transition/route";
import { POST as reopen } from "../../app/api/v1/incidents/[id]/reopen/route";
import { POST as resolve } from "../../app/api/v1/incidents/[id]/resolve/route";
import { POST as updates } from "../../app/api/v1/incidents/[id]/updates/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import { createComponent, createUser, uid } from "../support/factories";
import { changeIn, readyChange, snapshot, world } from "./changes-helpers";

/** The server actions read the session from Next's cookies; here it is whoever `session.actor` says. */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof import("../../lib/auth/session")>()), getSessionActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, actor: Actor, id: string, body: Record<string, unknown>) {
  const token = (await createApiToken({ actor, input: { name: "t" } })).secret;
  const req = new Request(`http://t/api/v1/x/${id}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; fields?: Record<string, string> }; version?: number } };
}

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function incidentSnapshot(id: string) {
  const [incident, updates, audits] = await Promise.all([
    db.incident.findUniqueOrThrow({ where: { id } }),
    db.incidentUpdate.count({ where: { incidentId: id } }),
    db.auditLog.count({ where: { entity: "Incident", entityId: id } }),
  ]);
  return { incident, updates, audits };
}

describe("issue 11, hole 11: every state change names the version it is based on", () => {
  it("change routes (approvals, transition, checklist): 400 naming version when it is missing, nothing written", async () => {
    const w = await world();
    const submitted = await readyChange(w);
    const approved = await changeIn("Approved", w.requester, w.component.id);
    const cases: [Handler, Actor, string, Record<string, unknown>][] = [
      [approvals, w.owner, submitted.id, { decision: "approve" }],
      [approvals, w.owner, submitted.id, { decision: "reject", comment: "no" }],
      [transition, w.requester, approved.id, { to: "Scheduled" }],
      [transition, w.requester, approved.id, { to: "Cancelled" }],
      [checklist, w.requester, approved.id, { item: "provisioned", done: true, evidence: "x" }],
    ];
    for (const [handler, actor, id, body] of cases) {
      const before = await snapshot(id);
      for (const version of [undefined, "", null, "abc", 0]) {
        const res = await call(handler, actor, id, version === undefined ? body : { ...body, version });
        expect(res.status, `${JSON.stringify(body)} version=${String(version)}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: "validation_failed", fields: { version: expect.any(String) } });
      }
      expect(await snapshot(id)).toEqual(before);
    }
    // with the version it applies; a stale one is a 409
    const ok = await call(transition, w.requester, approved.id, { to: "Scheduled", version: approved.version });
    expect(ok.status).toBe(200);
    expect((await call(transition, w.requester, approved.id, { to: "Cancelled", version: approved.version })).status).toBe(409);
    // authorization still comes first: a VIEWER without a version is a 403, not a 400
    expect((await call(transition, w.viewer, approved.id, { to: "Cancelled" })).status).toBe(403);
  });

  it("incident routes (updates, resolve, reopen): 400 naming version when it is missing, nothing written", async () => {
    const sre = await createUser("SRE");
    const component = await createComponent("SRE");
    const open = await declareIncident({ actor: sre, input: { title: `v ${uid()}`, severity: "P2", impact: "x", componentIds: [component.id], currentAction: "y" } });
    const closed = await declareIncident({ actor: sre, input: { title: `v ${uid()}`, severity: "P2", impact: "x", componentIds: [component.id], currentAction: "y" } });
    await resolveIncident({ actor: sre, id: closed.id, input: { resolution: "ok" } });
    const cases: [Handler, string, Record<string, unknown>][] = [
      [updates, open.id, { status: "Identified", message: "found it" }],
      [resolve, open.id, { resolution: "fixed" }],
      [reopen, closed.id, { reason: "back" }],
    ];
    for (const [handler, id, body] of cases) {
      const before = await incidentSnapshot(id);
      const res = await call(handler, sre, id, body);
      expect(res.status).toBe(400);
      expect(res.body.error?.fields).toMatchObject({ version: expect.any(String) });
      expect(await incidentSnapshot(id)).toEqual(before);
    }
    const current = await db.incident.findUniqueOrThrow({ where: { id: open.id } });
    expect((await call(updates, sre, open.id, { status: "Identified", message: "found it", version: current.version })).status).toBe(201);
  });

  it("the forms' server actions refuse a missing version with a field message, and write nothing", async () => {
    const { transitionChangeAction, decideChangeAction, readinessAction } = await import("../../app/(dashboard)/changes/actions");
    const { postIncidentUpdateAction, resolveIncidentAction } = await import("../../app/(dashboard)/incidents/actions");
    const w = await world();
    const approved = await changeIn("Approved", w.requester, w.component.id);
    const submitted = await readyChange(w);
    session.actor = w.requester;
    const before = await snapshot(approved.id);
    for (const [action, fields] of [
      [transitionChangeAction, { id: approved.id, to: "Cancelled" }],
      [readinessAction, { id: approved.id, item: "provisioned", done: "true", evidence: "x" }],
    ] as const) {
      const state = await action(null, form(fields));
      expect(state).toMatchObject({ ok: false, fields: { version: expect.any(String) } });
    }
    expect(await snapshot(approved.id)).toEqual(before);
    session.actor = w.owner;
    const submittedBefore = await snapshot(submitted.id);
    expect(await decideChangeAction(null, form({ id: submitted.id, decision: "approve" }))).toMatchObject({ ok: false, fields: { version: expect.any(String) } });
    expect(await snapshot(submitted.id)).toEqual(submittedBefore);
    // a VIEWER gets the command's refusal, not a version message
    session.actor = w.viewer;
    expect(await transitionChangeAction(null, form({ id: approved.id, to: "Cancelled" }))).toMatchObject({ ok: false, error: expect.not.stringMatching(/version/) });

    const sre = await createUser("SRE");
    const component = await createComponent("SRE");
    const inc = await declareIncident({ actor: sre, input: { title: `v ${uid()}`, severity: "P2", impact: "x", componentIds: [component.id], currentAction: "y" } });
    session.actor = sre;
    const incBefore = await incidentSnapshot(inc.id);
    expect(await postIncidentUpdateAction(null, form({ incidentId: inc.id, id: inc.id, message: "note", status: "Identified" }))).toMatchObject({ ok: false, fields: { version: expect.any(String) } });
    expect(await resolveIncidentAction(null, form({ incidentId: inc.id, id: inc.id, resolution: "done" }))).toMatchObject({ ok: false, fields: { version: expect.any(String) } });
    expect(await incidentSnapshot(inc.id)).toEqual(incBefore);
    session.actor = null;
  });
});
