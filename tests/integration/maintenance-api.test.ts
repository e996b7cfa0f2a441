import { beforeAll, describe, expect, it } from "vitest";
import { POST as notifyRoute } from "../../app/api/v1/maintenance/[id]/notify/route";
import { GET as getOne, PATCH } from "../../app/api/v1/maintenance/[id]/route";
import { GET as list, POST } from "../../app/api/v1/maintenance/route";
import { GET as openapi } from "../../app/api/v1/openapi.json/route";
import { ROLES, type Role } from "../../lib/auth/permissions";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

type Json = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };

async function tokenFor(role: Role) {
  const actor = await createUser(role);
  const { secret } = await createApiToken({ actor, input: { name: "it" } });
  return { actor, secret };
}

const ctx = (id = "") => ({ params: Promise.resolve({ id }) });
function req(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Request(`http://t/api/v1/maintenance${path}`, { method, headers, body });
}
const json = async (res: Response) => (await res.json()) as Json;

/** Windows years ahead of real time so "upcoming" holds whatever the clock says. */
function input(componentIds: string[], over: Record<string, unknown> = {}) {
  return {
    title: `API window ${uid()}`,
    windowStart: "2040-06-01T02:00:00Z",
    windowEnd: "2040-06-01T04:00:00Z",
    componentIds,
    type: "Patching",
    impact: "Rolling restarts",
    rollback: "Not Available",
    contact: "SRE on-call team",
    ...over,
  };
}

describe("/api/v1/maintenance", () => {
  let sre: Awaited<ReturnType<typeof tokenFor>>;
  let viewer: Awaited<ReturnType<typeof tokenFor>>;
  let componentId: string;

  beforeAll(async () => {
    [sre, viewer] = await Promise.all([tokenFor("SRE"), tokenFor("VIEWER")]);
    componentId = (await createComponent("SRE")).id;
  });

  it("POST creates (201, API.md fields), GET returns it, PATCH with version edits, notify sends once", async () => {
    const res = await POST(req("POST", "", { token: sre.secret, body: input([componentId]) }), ctx());
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({ windowStart: "2040-06-01T02:00:00.000Z", rollback: "Not Available", type: "Patching", componentIds: [componentId], changeIds: [], notifiedAt: null, conflicts: [], version: 1 });
    const id = created.id as string;

    const got = await getOne(req("GET", `/${id}`, { token: viewer.secret }), ctx(id));
    expect(got.status).toBe(200);
    expect((await json(got)).notice).toContain("ROLLBACK: Not Available");

    const patched = await PATCH(req("PATCH", `/${id}`, { token: sre.secret, body: { version: 1, windowEnd: "2040-06-01T05:00:00Z" } }), ctx(id));
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({ version: 2, windowEnd: "2040-06-01T05:00:00.000Z" });

    const stale = await PATCH(req("PATCH", `/${id}`, { token: sre.secret, body: { version: 1, impact: "Stale" } }), ctx(id));
    expect(stale.status).toBe(409);
    expect((await json(stale)).error?.code).toBe("conflict");
    expect((await db.maintenanceWindow.findUniqueOrThrow({ where: { id } })).impact).toBe("Rolling restarts");

    const sent = await notifyRoute(req("POST", `/${id}/notify`, { token: sre.secret }), ctx(id));
    expect(sent.status).toBe(200);
    expect(await json(sent)).toMatchObject({ sent: true, kind: "Scheduled", window: { notification: "sent" } });
    const repeat = await notifyRoute(req("POST", `/${id}/notify`, { token: sre.secret }), ctx(id));
    expect(await json(repeat)).toMatchObject({ sent: false, kind: null });
    expect(await auditCount("MaintenanceWindow", id, "maintenance.notified")).toBe(1);
  });

  it("answers 400 with field names, 404 for unknown ids and 401 without a token", async () => {
    const bad = await POST(req("POST", "", { token: sre.secret, body: input([componentId], { windowEnd: "2040-06-01T01:00:00Z", type: "Reboot" }) }), ctx());
    expect(bad.status).toBe(400);
    expect(Object.keys((await json(bad)).error?.fields ?? {})).toEqual(["type"]);
    const order = await POST(req("POST", "", { token: sre.secret, body: input([componentId], { windowEnd: "2040-06-01T01:00:00Z" }) }), ctx());
    expect((await json(order)).error).toMatchObject({ code: "validation_failed", fields: { windowEnd: "The window must end after it starts" } });
    const malformed = await POST(req("POST", "", { token: sre.secret, raw: "{" }), ctx());
    expect(malformed.status).toBe(400);
    expect((await getOne(req("GET", "/nope", { token: sre.secret }), ctx("nope"))).status).toBe(404);
    expect((await notifyRoute(req("POST", "/nope/notify", { token: sre.secret }), ctx("nope"))).status).toBe(404);
    expect((await list(req("GET", ""), ctx())).status).toBe(401);
    expect((await POST(req("POST", "", { body: input([componentId]) }), ctx())).status).toBe(401);
  });

  it("lists with phase filters and cursor pagination", async () => {
    const c = await createComponent("SRE");
    const ids: string[] = [];
    for (let day = 1; day <= 3; day++) {
      const res = await POST(req("POST", "", { token: sre.secret, body: input([c.id], { windowStart: `2041-01-0${day}T02:00:00Z`, windowEnd: `2041-01-0${day}T03:00:00Z` }) }), ctx());
      ids.push((await json(res)).id as string);
    }
    const first = await json(await list(req("GET", `?phase=upcoming&component=${c.id}&limit=2`, { token: viewer.secret }), ctx()));
    expect((first.data as { id: string }[]).map((w) => w.id)).toEqual(ids.slice(0, 2));
    const second = await json(await list(req("GET", `?phase=upcoming&component=${c.id}&limit=2&cursor=${first.nextCursor as string}`, { token: viewer.secret }), ctx()));
    expect((second.data as { id: string }[]).map((w) => w.id)).toEqual(ids.slice(2));
    expect(second.nextCursor).toBeNull();
    const past = await json(await list(req("GET", `?phase=past&component=${c.id}`, { token: viewer.secret }), ctx()));
    expect(past.data).toEqual([]);
    expect((await list(req("GET", "?phase=someday", { token: viewer.secret }), ctx())).status).toBe(400);
  });

  it("role matrix over HTTP: every engineer role may create, edit and notify; VIEWER gets 403 and nothing is written", async () => {
    for (const role of ROLES) {
      const { secret, actor } = await tokenFor(role);
      const title = `HTTP ${role} ${uid()}`;
      const created = await POST(req("POST", "", { token: secret, body: input([componentId], { title }) }), ctx());
      if (role === "VIEWER") {
        expect(created.status).toBe(403);
        expect((await json(created)).error?.code).toBe("forbidden");
        const target = (await json(await POST(req("POST", "", { token: sre.secret, body: input([componentId]) }), ctx()))).id as string;
        expect((await PATCH(req("PATCH", `/${target}`, { token: secret, body: { version: 1, title } }), ctx(target))).status).toBe(403);
        expect((await notifyRoute(req("POST", `/${target}/notify`, { token: secret }), ctx(target))).status).toBe(403);
        expect(await db.maintenanceWindow.count({ where: { title } })).toBe(0);
        expect(await db.maintenanceWindow.findUniqueOrThrow({ where: { id: target } })).toMatchObject({ version: 1, notifiedAt: null });
        expect(await db.auditLog.count({ where: { actorId: actor.id, entity: "MaintenanceWindow" } })).toBe(0);
        continue;
      }
      expect(created.status).toBe(201);
      const id = (await json(created)).id as string;
      expect((await PATCH(req("PATCH", `/${id}`, { token: secret, body: { version: 1, impact: "Edited" } }), ctx(id))).status).toBe(200);
      expect((await notifyRoute(req("POST", `/${id}/notify`, { token: secret }), ctx(id))).status).toBe(200);
      expect(await db.auditLog.count({ where: { actorId: actor.id, entityId: id } })).toBe(3);
    }
  });

  it("OpenAPI lists the maintenance endpoints", async () => {
    const doc = (await (await openapi()).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/maintenance"])).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/maintenance/{id}"])).toEqual(expect.arrayContaining(["get", "patch"]));
    expect(Object.keys(doc.paths["/maintenance/{id}/notify"])).toEqual(["post"]);
  });
});
