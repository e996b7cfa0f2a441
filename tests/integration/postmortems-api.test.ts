import { describe, expect, it } from "vitest";
import { POST as RESOLVE } from "../../app/api/v1/incidents/[id]/resolve/route";
import { POST as DECLARE } from "../../app/api/v1/incidents/route";
import { PATCH as PATCH_ACTION, DELETE as DELETE_ACTION } from "../../app/api/v1/postmortems/[id]/follow-ups/[actionId]/route";
import { POST as ADD_ACTION } from "../../app/api/v1/postmortems/[id]/follow-ups/route";
import { GET as GET_ONE, PATCH } from "../../app/api/v1/postmortems/[id]/route";
import { POST as TRANSITION } from "../../app/api/v1/postmortems/[id]/transition/route";
import { GET as LIST } from "../../app/api/v1/postmortems/route";
import type { Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { addBusinessDays } from "../../lib/postmortems/due";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

type Json = Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } };
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, token: string | null, opts: { method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const req = new Request("http://t/api/v1/postmortems", { method: opts.method ?? "POST", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {}) as Json };
}

const users: Partial<Record<Role, { actor: Actor; token: string }>> = {};
async function as(role: Role) {
  if (!users[role]) {
    const actor = await createUser(role);
    users[role] = { actor, token: (await createApiToken({ actor, input: { name: "t" } })).secret };
  }
  return users[role]!;
}

/** Declares (the SRE commands) and resolves an incident through the API; returns the incident id and its postmortem (if any). */
async function resolvedIncident(severity: "P1" | "P2" | "P3") {
  const sre = await as("SRE");
  const component = await createComponent("DBA", { group: "Database" });
  const declared = await call(DECLARE, sre.token, { body: { title: `PM ${uid()}`, severity, impact: "Writes fail", componentIds: [component.id], currentAction: "Looking", commanderId: sre.actor.id } });
  expect(declared.status, JSON.stringify(declared.body)).toBe(201);
  const id = String(declared.body.id);
  const resolved = await call(RESOLVE, sre.token, { params: { id }, body: { resolution: "Failed over", version: declared.body.version } });
  expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
  const pm = await db.postmortem.findUnique({ where: { incidentId: id } });
  return { incidentId: id, pm };
}

describe("/api/v1/postmortems", () => {
  it("resolving a P2 creates a Draft postmortem owned by the commander, due in 5 business days, audited; a P3 none", async () => {
    const { incidentId, pm } = await resolvedIncident("P2");
    expect(pm).toMatchObject({ status: "Draft", required: true, ownerId: (await as("SRE")).actor.id });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(pm!.dueAt.toISOString()).toBe(addBusinessDays(incident.resolvedAt!, 5).toISOString());
    expect(await auditCount("Postmortem", pm!.id, "postmortem.created")).toBe(1);
    expect((await resolvedIncident("P3")).pm).toBeNull();
  });

  it("GET returns the pre-filled draft; .md exports Markdown; a VIEWER may read", async () => {
    const { pm } = await resolvedIncident("P1");
    const viewer = await as("VIEWER");
    const one = await call(GET_ONE, viewer.token, { method: "GET", params: { id: pm!.id } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: pm!.id, status: "Draft", can: { edit: false, transitions: [] } });
    const kinds = (one.body.timeline as { kind: string }[]).map((e) => e.kind);
    expect(kinds[0]).toBe("declared");
    expect(kinds).toContain("resolved");
    expect((one.body.durations as { resolveMs: number | null }).resolveMs).not.toBeNull();
    const md = await call(GET_ONE, viewer.token, { method: "GET", params: { id: `${pm!.id}.md` } });
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(md.text).toMatch(/^# Postmortem: \[P1\] #\d+ PM /);
    expect(md.text).toContain("## Follow-up actions");
    const list = await call(LIST, viewer.token, { method: "GET" });
    expect((list.body.items as { id: string }[]).some((p) => p.id === pm!.id)).toBe(true);
  });

  it("denials: 401 anonymous, 403 VIEWER edits/transitions/follow-ups, nothing written", async () => {
    const { pm } = await resolvedIncident("P1");
    const viewer = await as("VIEWER");
    expect((await call(GET_ONE, null, { method: "GET", params: { id: pm!.id } })).status).toBe(401);
    expect((await call(PATCH, viewer.token, { method: "PATCH", params: { id: pm!.id }, body: { summary: "x", version: 1 } })).status).toBe(403);
    expect((await call(TRANSITION, viewer.token, { params: { id: pm!.id }, body: { to: "InReview", version: 1 } })).status).toBe(403);
    expect((await call(ADD_ACTION, viewer.token, { params: { id: pm!.id }, body: { title: "x" } })).status).toBe(403);
    const after = await db.postmortem.findUniqueOrThrow({ where: { id: pm!.id }, include: { actions: true } });
    expect(after).toMatchObject({ version: 1, summary: "", status: "Draft", actions: [] });
  });

  it("bad input → 400 naming the field, no row changed", async () => {
    const { pm } = await resolvedIncident("P1");
    const dba = await as("DBA");
    const long = await call(PATCH, dba.token, { method: "PATCH", params: { id: pm!.id }, body: { summary: "x".repeat(20_001), version: 1 } });
    expect(long.status).toBe(400);
    expect(long.body.error?.fields).toHaveProperty("summary");
    const noVersion = await call(PATCH, dba.token, { method: "PATCH", params: { id: pm!.id }, body: { summary: "ok" } });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error?.fields).toHaveProperty("version");
    const badOwner = await call(PATCH, dba.token, { method: "PATCH", params: { id: pm!.id }, body: { summary: "ok", ownerId: "nobody", version: 1 } });
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error?.fields).toHaveProperty("ownerId");
    const badAction = await call(ADD_ACTION, dba.token, { params: { id: pm!.id }, body: { title: "", dueAt: "soon" } });
    expect(badAction.status).toBe(400);
    expect(Object.keys(badAction.body.error?.fields ?? {})).toEqual(expect.arrayContaining(["title", "dueAt"]));
    const badChange = await call(ADD_ACTION, dba.token, { params: { id: pm!.id }, body: { title: "Add alert", changeId: "missing" } });
    expect(badChange.status).toBe(400);
    expect(badChange.body.error?.fields).toHaveProperty("changeId");
    const badTo = await call(TRANSITION, dba.token, { params: { id: pm!.id }, body: { to: "Done", version: 1 } });
    expect(badTo.status).toBe(400);
    expect(badTo.body.error?.fields).toHaveProperty("to");
    const after = await db.postmortem.findUniqueOrThrow({ where: { id: pm!.id }, include: { actions: true } });
    expect(after).toMatchObject({ version: 1, summary: "", ownerId: (await as("SRE")).actor.id, actions: [] });
    expect(await auditCount("Postmortem", pm!.id, "postmortem.updated")).toBe(0);
  });

  it("edit → review → publish with versions; stale version 409; missing section 422; non-owner publish 403, ARCHITECT may; edits after publishing audited", async () => {
    const { pm } = await resolvedIncident("P1");
    const sre = await as("SRE"); // the owner
    const dba = await as("DBA");
    const arch = await as("ARCHITECT");
    const id = pm!.id;
    const early = await call(TRANSITION, dba.token, { params: { id }, body: { to: "InReview", version: 1 } });
    expect(early.status).toBe(422);
    expect(early.body.error?.fields).toHaveProperty("summary");
    const edited = await call(PATCH, dba.token, { method: "PATCH", params: { id }, body: { summary: "Primary failed", impact: "Writes failed 12 min", rootCause: "Disk full", version: 1 } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, sections: { summary: "Primary failed", rootCause: "Disk full" } });
    expect((await call(PATCH, dba.token, { method: "PATCH", params: { id }, body: { summary: "late", version: 1 } })).status).toBe(409);
    const review = await call(TRANSITION, dba.token, { params: { id }, body: { to: "InReview", version: 2 } });
    expect(review.body).toMatchObject({ status: "InReview", version: 3 });
    expect((await call(TRANSITION, dba.token, { params: { id }, body: { to: "Published", version: 3 } })).status).toBe(403);
    expect((await call(GET_ONE, sre.token, { method: "GET", params: { id } })).body.can).toEqual({ edit: true, transitions: ["Draft", "Published"] });
    const published = await call(TRANSITION, arch.token, { params: { id }, body: { to: "Published", version: 3 } });
    expect(published.body).toMatchObject({ status: "Published", publishedAt: expect.any(String) });
    await call(PATCH, sre.token, { method: "PATCH", params: { id }, body: { wentWell: "Fast failover", version: 4 } });
    const rows = await db.auditLog.findMany({ where: { entity: "Postmortem", entityId: id, action: "postmortem.updated" }, orderBy: { at: "asc" } });
    expect(rows.map((r) => (r.data as { afterPublish: boolean }).afterPublish)).toEqual([false, true]);
    expect(await auditCount("Postmortem", id, "postmortem.published")).toBe(1);
  });

  it("follow-up CRUD, audited", async () => {
    const { pm } = await resolvedIncident("P2");
    const sre = await as("SRE");
    const id = pm!.id;
    const added = await call(ADD_ACTION, sre.token, { params: { id }, body: { title: "Alert on disk usage", ownerId: sre.actor.id, dueAt: "2026-12-20" } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const fu = (added.body.followUps as { id: string; status: string; dueAt: string }[])[0]!;
    expect(fu).toMatchObject({ status: "Open", dueAt: "2026-12-20T00:00:00.000Z" });
    const done = await call(PATCH_ACTION, sre.token, { method: "PATCH", params: { id, actionId: fu.id }, body: { status: "Done" } });
    expect((done.body.followUps as { status: string }[])[0]!.status).toBe("Done");
    expect((await call(PATCH_ACTION, sre.token, { method: "PATCH", params: { id, actionId: "missing" }, body: { status: "Done" } })).status).toBe(404);
    const removed = await call(DELETE_ACTION, sre.token, { method: "DELETE", params: { id, actionId: fu.id } });
    expect(removed.body.followUps).toEqual([]);
    expect(await auditCount("PostmortemAction", fu.id)).toBe(3);
  });
});
