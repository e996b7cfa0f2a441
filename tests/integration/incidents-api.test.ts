import { describe, expect, it } from "vitest";
import { POST as ACK } from "../../app/api/v1/incidents/[id]/acknowledge/route";
import { POST as REOPEN } from "../../app/api/v1/incidents/[id]/reopen/route";
import { POST as RESOLVE } from "../../app/api/v1/incidents/[id]/resolve/route";
import { GET as GET_ONE } from "../../app/api/v1/incidents/[id]/route";
import { POST as UPDATE } from "../../app/api/v1/incidents/[id]/updates/route";
import { GET as LIVE } from "../../app/api/v1/incidents/live/route";
import { GET as LIST, POST as DECLARE } from "../../app/api/v1/incidents/route";
import { ENGINEERS, ROLES, type Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

type Json = Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } };

async function bearer(actor: Actor) {
  return (await createApiToken({ actor, input: { name: "t" } })).secret;
}

/** The version a client would have read (every state change must send it, issue 11). */
const iv = async (id: string) => (await db.incident.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, token: string | null, opts: { method?: string; path?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const req = new Request(`http://t/api/v1/incidents${opts.path ?? ""}`, { method: opts.method ?? "POST", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json }));
}

const users: Partial<Record<Role, { actor: Actor; token: string }>> = {};
async function as(role: Role) {
  if (!users[role]) {
    const actor = await createUser(role);
    users[role] = { actor, token: await bearer(actor) };
  }
  return users[role]!;
}

async function declareVia(role: Role, over: Record<string, unknown> = {}) {
  const component = await createComponent("DBA", { group: "Database" });
  const res = await call(DECLARE, (await as(role)).token, { body: { title: `API incident ${uid()}`, severity: "P1", impact: "Writes fail", componentIds: [component.id], currentAction: "Investigating replication", ...over } });
  return { ...res, component };
}

describe("/api/v1/incidents", () => {
  it("401 without a token", async () => {
    expect((await call(DECLARE, null, { body: {} })).status).toBe(401);
    expect((await call(LIST, null, { method: "GET" })).status).toBe(401);
    expect((await call(LIVE, null, { method: "GET", path: "/live" })).status).toBe(401);
  });

  it("POST declares (201) with updates and escalation; GET /{id} returns the same shape", async () => {
    const { status, body, component } = await declareVia("SRE");
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: "Investigating", severity: "P1", componentIds: [component.id], acknowledgedAt: null, resolvedAt: null });
    expect(body.updates).toHaveLength(1);
    expect(body.escalation).toMatchObject({ level: 1, acknowledgedAt: null, nextLevel: 2, pages: [{ level: 1, userId: expect.toSatisfy((v) => v === null || typeof v === "string"), at: expect.any(String) }] });
    const one = await call(GET_ONE, (await as("VIEWER")).token, { method: "GET", path: `/${body.id}`, params: { id: String(body.id) } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: body.id, title: body.title, escalation: { nextLevel: 2 } });
    expect((await call(GET_ONE, (await as("SRE")).token, { method: "GET", params: { id: "missing" } })).status).toBe(404);
  });

  it("role matrix: every engineer may declare, update, acknowledge and resolve; VIEWER gets 403 and nothing is written", async () => {
    for (const role of ROLES) {
      const engineer = ENGINEERS.includes(role);
      const declared = await declareVia(role);
      expect(declared.status, `${role} declare`).toBe(engineer ? 201 : 403);
      // act on an incident an SRE declared
      const { body } = await declareVia("SRE");
      const id = String(body.id);
      const before = { updates: await db.incidentUpdate.count({ where: { incidentId: id } }), audit: await db.auditLog.count({ where: { entityId: id } }) };
      const token = (await as(role)).token;
      const update = await call(UPDATE, token, { params: { id }, body: { status: "Identified", message: `${role} was here`, public: true, version: await iv(id) } });
      const ack = await call(ACK, token, { params: { id } });
      const resolve = await call(RESOLVE, token, { params: { id }, body: { resolution: "done", version: await iv(id) } });
      expect([update.status, ack.status, resolve.status], role).toEqual(engineer ? [201, 200, 200] : [403, 403, 403]);
      if (!engineer) {
        expect(update.body.error?.code).toBe("forbidden");
        expect(await db.incidentUpdate.count({ where: { incidentId: id } })).toBe(before.updates);
        expect(await db.auditLog.count({ where: { entityId: id } })).toBe(before.audit);
      } else {
        expect(await auditCount("Incident", id, "incident.updated")).toBe(1);
        expect(await auditCount("Incident", id, "incident.acknowledged")).toBe(1);
        expect(await auditCount("Incident", id, "incident.resolved")).toBe(1);
      }
    }
  });

  it("resolve without a note is 400 with the field named, and nothing is written", async () => {
    const { body } = await declareVia("SRE");
    const id = String(body.id);
    const before = await db.incident.findUniqueOrThrow({ where: { id } });
    for (const payload of [{}, { resolution: "" }, { resolution: "  " }]) {
      const res = await call(RESOLVE, (await as("SRE")).token, { params: { id }, body: { ...payload, version: before.version } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "validation_failed", fields: { resolution: expect.any(String) } });
    }
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await auditCount("Incident", id, "incident.resolved")).toBe(0);
  });

  it("state machine and concurrency errors map to 400/409/422", async () => {
    const { body } = await declareVia("SRE");
    const id = String(body.id);
    const token = (await as("SRE")).token;
    expect((await call(UPDATE, token, { params: { id }, body: { status: "Resolved", message: "x", version: await iv(id) } })).status).toBe(400);
    expect((await call(UPDATE, token, { params: { id }, body: { message: "x", version: 42 } })).body.error?.code).toBe("conflict");
    await call(RESOLVE, token, { params: { id }, body: { resolution: "fixed", version: await iv(id) } });
    const late = await call(UPDATE, token, { params: { id }, body: { message: "late", version: await iv(id) } });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: "gate_blocked", fields: { status: expect.stringMatching(/reopen/) } });
  });

  it("reopen: the commander and ARCHITECT may, another engineer gets 403", async () => {
    const sre = await as("SRE");
    const { body } = await declareVia("SRE", { commanderId: sre.actor.id });
    const id = String(body.id);
    await call(RESOLVE, sre.token, { params: { id }, body: { resolution: "fixed", version: await iv(id) } });
    expect((await call(REOPEN, (await as("DBA")).token, { params: { id }, body: { reason: "nope", version: await iv(id) } })).status).toBe(403);
    const reopened = await call(REOPEN, sre.token, { params: { id }, body: { reason: "errors again", version: await iv(id) } });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: "Investigating", resolvedAt: null });
    await call(RESOLVE, sre.token, { params: { id }, body: { resolution: "fixed again", version: await iv(id) } });
    expect((await call(REOPEN, (await as("ARCHITECT")).token, { params: { id }, body: { reason: "arch", version: await iv(id) } })).status).toBe(200);
  });

  it("GET lists open incidents first, filters and paginates without gaps", async () => {
    const tag = `tag${uid()}`;
    const token = (await as("SRE")).token;
    const made: string[] = [];
    for (const severity of ["P3", "P1", "P2"]) made.push(String((await declareVia("SRE", { severity, title: `${tag} ${severity}` })).body.id));
    const resolvedId = made[0];
    await call(RESOLVE, token, { params: { id: resolvedId }, body: { resolution: "fixed", version: await iv(resolvedId) } });
    const seen: { id: string; status: string; severity: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Json } = await call(LIST, token, { method: "GET", path: `?q=${tag}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` });
      seen.push(...(page.body.data as typeof seen));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((i) => i.severity)).toEqual(["P1", "P2", "P3"]);
    expect(seen[2]).toMatchObject({ id: resolvedId, status: "Resolved" });
    const p1 = await call(LIST, token, { method: "GET", path: `?q=${tag}&severity=P1` });
    expect((p1.body.data as { id: string }[]).map((i) => i.id)).toEqual([made[1]]);
    const open = await call(LIST, token, { method: "GET", path: `?q=${tag}&status=open` });
    expect((open.body.data as unknown[]).length).toBe(2);
    const bad = await call(LIST, token, { method: "GET", path: "?severity=P9&limit=1000" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.fields ?? {}).sort()).toEqual(["limit", "severity"]);
  });

  it("live: the stamp changes on any incident write and lists open P1s", async () => {
    const token = (await as("VIEWER")).token;
    const first = await call(LIVE, token, { method: "GET", path: "/live" });
    const { body } = await declareVia("SRE");
    const second = await call(LIVE, token, { method: "GET", path: "/live" });
    expect(second.body.stamp).not.toBe(first.body.stamp);
    expect((second.body.openP1 as { id: string }[]).some((i) => i.id === body.id)).toBe(true);
    await call(RESOLVE, (await as("SRE")).token, { params: { id: String(body.id) }, body: { resolution: "ok", version: await iv(String(body.id)) } });
    const third = await call(LIVE, token, { method: "GET", path: "/live" });
    expect((third.body.openP1 as { id: string }[]).some((i) => i.id === body.id)).toBe(false);
  });
});
