import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne, PATCH } from "../../app/api/v1/components/[id]/route";
import { GET as list, POST } from "../../app/api/v1/components/route";
import { GET as openapi } from "../../app/api/v1/openapi.json/route";
import type { Role } from "../../lib/auth/permissions";
import { createApiToken, revokeApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { auditCount, createUser, uid } from "../support/factories";

type Json = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };

async function tokenFor(role: Role) {
  const actor = await createUser(role);
  const { secret } = await createApiToken({ actor, input: { name: "it" } });
  return { actor, secret };
}

const url = (path = "") => `http://t/api/v1/components${path}`;
const ctx = (id = "") => ({ params: Promise.resolve({ id }) });

function req(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Request(url(path), { method, headers, body });
}

async function json(res: Response) {
  return (await res.json()) as Json;
}

const valid = (over: Record<string, unknown> = {}) => ({ name: `API comp ${uid()}`, group: "Network", ownerRole: "NETWORK", ...over });

describe("/api/v1/components", () => {
  let architect: Awaited<ReturnType<typeof tokenFor>>;
  let viewer: Awaited<ReturnType<typeof tokenFor>>;
  let sre: Awaited<ReturnType<typeof tokenFor>>;

  beforeAll(async () => {
    [architect, viewer, sre] = await Promise.all([tokenFor("ARCHITECT"), tokenFor("VIEWER"), tokenFor("SRE")]);
  });

  it("ARCHITECT creates a component: 201, API.md shape, derived status, an audit row", async () => {
    const input = valid({ description: "Edge routers", public: false, position: 3 });
    const res = await POST(req("POST", "", { token: architect.secret, body: input }), ctx());
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toEqual({ id: expect.any(String), name: input.name, group: "Network", ownerRole: "NETWORK", public: false, status: "operational", description: "Edge routers", position: 3, iacManaged: false, iacRepository: null, alertMatchers: [] });
    const id = body.id as string;
    expect(await auditCount("Component", id, "component.created")).toBe(1);
    const row = await db.auditLog.findFirstOrThrow({ where: { entity: "Component", entityId: id } });
    expect(row.actorId).toBe(architect.actor.id);

    const got = await getOne(req("GET", `/${id}`, { token: viewer.secret }), ctx(id));
    expect(got.status).toBe(200);
    expect(await json(got)).toEqual(body);
  });

  it("defaults description, public and position", async () => {
    const res = await POST(req("POST", "", { token: architect.secret, body: valid() }), ctx());
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ description: "", public: true, position: 0, status: "operational" });
  });

  for (const role of ["VIEWER", "SRE"] as const) {
    it(`${role} may not create: 403 forbidden, nothing written`, async () => {
      const token = role === "VIEWER" ? viewer.secret : sre.secret;
      const input = valid();
      const res = await POST(req("POST", "", { token, body: input }), ctx());
      expect(res.status).toBe(403);
      expect((await json(res)).error).toMatchObject({ code: "forbidden" });
      expect(await db.component.count({ where: { name: input.name } })).toBe(0);
    });
  }

  it("VIEWER may not edit: 403, the row and audit log unchanged", async () => {
    const created = await json(await POST(req("POST", "", { token: architect.secret, body: valid() }), ctx()));
    const id = created.id as string;
    const res = await PATCH(req("PATCH", `/${id}`, { token: viewer.secret, body: { group: "Hacked" } }), ctx(id));
    expect(res.status).toBe(403);
    expect((await json(res)).error?.code).toBe("forbidden");
    expect((await db.component.findUniqueOrThrow({ where: { id } })).group).toBe("Network");
    expect(await auditCount("Component", id, "component.updated")).toBe(0);
  });

  it("no token → 401, bad token → 401, revoked token → 401", async () => {
    const input = valid();
    const none = await POST(req("POST", "", { body: input }), ctx());
    expect(none.status).toBe(401);
    expect((await json(none)).error?.code).toBe("unauthenticated");

    const bad = await POST(req("POST", "", { token: "ogt_not-a-real-token", body: input }), ctx());
    expect(bad.status).toBe(401);
    expect((await json(bad)).error?.code).toBe("unauthenticated");

    const listNoAuth = await list(req("GET", ""), ctx());
    expect(listNoAuth.status).toBe(401);

    const owner = await createUser("ARCHITECT");
    const t = await createApiToken({ actor: owner, input: { name: "soon revoked" } });
    const before = await list(req("GET", "?limit=1", { token: t.secret }), ctx());
    expect(before.status).toBe(200);
    await revokeApiToken({ actor: owner, input: { id: t.id } });
    const revoked = await POST(req("POST", "", { token: t.secret, body: input }), ctx());
    expect(revoked.status).toBe(401);
    expect(await db.component.count({ where: { name: input.name } })).toBe(0);
  });

  it("invalid body → 400 with field messages", async () => {
    const res = await POST(req("POST", "", { token: architect.secret, body: { name: "", group: "x".repeat(41), ownerRole: "JANITOR", position: 1.5 } }), ctx());
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error?.code).toBe("validation_failed");
    expect(error?.fields).toMatchObject({ name: expect.any(String), group: expect.any(String), ownerRole: expect.any(String), position: expect.any(String) });
  });

  it("a name over 80 characters or a description over 500 is refused", async () => {
    const res = await POST(req("POST", "", { token: architect.secret, body: valid({ name: "n".repeat(81), description: "d".repeat(501) }) }), ctx());
    expect(res.status).toBe(400);
    expect((await json(res)).error?.fields).toMatchObject({ name: "At most 80 characters", description: "At most 500 characters" });
  });

  it("status cannot be set by hand (it is derived)", async () => {
    const input = valid({ status: "major_outage" });
    const res = await POST(req("POST", "", { token: architect.secret, body: input }), ctx());
    expect(res.status).toBe(400);
    expect((await json(res)).error?.fields?.status).toMatch(/derived/);
    expect(await db.component.count({ where: { name: input.name } })).toBe(0);

    const created = await json(await POST(req("POST", "", { token: architect.secret, body: valid() }), ctx()));
    const id = created.id as string;
    const patch = await PATCH(req("PATCH", `/${id}`, { token: architect.secret, body: { status: "major_outage" } }), ctx(id));
    expect(patch.status).toBe(400);
    expect((await db.component.findUniqueOrThrow({ where: { id } })).status).toBe("operational");
  });

  it("malformed JSON → 400", async () => {
    const res = await POST(req("POST", "", { token: architect.secret, raw: "{not json" }), ctx());
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "validation_failed", fields: { body: expect.any(String) } });
  });

  it("the role is checked before the body is read: a VIEWER's malformed JSON is 403, not 400", async () => {
    const res = await POST(req("POST", "", { token: viewer.secret, raw: "{not json" }), ctx());
    expect(res.status).toBe(403);
    expect((await json(res)).error?.code).toBe("forbidden");
  });

  it("duplicate name (any case) → 409 with fields.name, nothing written", async () => {
    const input = valid();
    expect((await POST(req("POST", "", { token: architect.secret, body: input }), ctx())).status).toBe(201);
    const dup = await POST(req("POST", "", { token: architect.secret, body: { ...input, name: input.name.toUpperCase() } }), ctx());
    expect(dup.status).toBe(409);
    expect((await json(dup)).error).toMatchObject({ code: "conflict", fields: { name: expect.any(String) } });
    expect(await db.component.count({ where: { name: { equals: input.name, mode: "insensitive" } } })).toBe(1);
  });

  it("PATCH edits, audits before/after, and refuses a name taken by another component", async () => {
    const a = await json(await POST(req("POST", "", { token: architect.secret, body: valid() }), ctx()));
    const b = await json(await POST(req("POST", "", { token: architect.secret, body: valid() }), ctx()));
    const id = a.id as string;
    const res = await PATCH(req("PATCH", `/${id}`, { token: architect.secret, body: { group: "Storage", ownerRole: "SYSADMIN", public: false } }), ctx(id));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id, name: a.name, group: "Storage", ownerRole: "SYSADMIN", public: false });
    const row = await db.auditLog.findFirstOrThrow({ where: { entity: "Component", entityId: id, action: "component.updated" } });
    expect(row.data).toMatchObject({ before: { group: "Network", ownerRole: "NETWORK" }, after: { group: "Storage", ownerRole: "SYSADMIN" } });

    const same = await PATCH(req("PATCH", `/${id}`, { token: architect.secret, body: { name: a.name } }), ctx(id));
    expect(same.status).toBe(200); // keeping one's own name is no conflict
    const taken = await PATCH(req("PATCH", `/${id}`, { token: architect.secret, body: { name: b.name } }), ctx(id));
    expect(taken.status).toBe(409);
    expect((await json(taken)).error?.fields?.name).toBeTruthy();

    const empty = await PATCH(req("PATCH", `/${id}`, { token: architect.secret, body: {} }), ctx(id));
    expect(empty.status).toBe(400);
  });

  it("alertMatchers: created, returned, patched, audited; an invalid matcher → 400 naming it, nothing written", async () => {
    const matchers = [{ name: "job", value: "postgres" }, { name: "instance", value: "db-0[12]", isRegex: true }];
    const created = await POST(req("POST", "", { token: architect.secret, body: valid({ alertMatchers: matchers }) }), ctx());
    expect(created.status).toBe(201);
    const a = await json(created);
    expect(a.alertMatchers).toEqual([{ name: "job", value: "postgres", isRegex: false }, { name: "instance", value: "db-0[12]", isRegex: true }]);
    const id = a.id as string;
    expect((await json(await getOne(req("GET", `/${id}`, { token: viewer.secret }), ctx(id)))).alertMatchers).toEqual(a.alertMatchers);
    const patched = await PATCH(req("PATCH", `/${id}`, { token: architect.secret, body: { alertMatchers: [{ name: "service", value: "pg" }] } }), ctx(id));
    expect(patched.status).toBe(200);
    expect((await json(patched)).alertMatchers).toEqual([{ name: "service", value: "pg", isRegex: false }]);
    expect((await db.component.findUniqueOrThrow({ where: { id } })).alertMatchers).toEqual([{ name: "service", value: "pg", isRegex: false }]);
    const row = await db.auditLog.findFirstOrThrow({ where: { entity: "Component", entityId: id, action: "component.updated" } });
    expect(row.data).toMatchObject({ before: { alertMatchers: a.alertMatchers }, after: { alertMatchers: [{ name: "service", value: "pg", isRegex: false }] } });

    const audits = await auditCount("Component", id);
    for (const [body, field] of [
      [{ alertMatchers: [{ name: "job", value: "(" , isRegex: true }] }, "alertMatchers.0.value"],
      [{ alertMatchers: [{ name: "9bad", value: "x" }] }, "alertMatchers.0.name"],
      [{ alertMatchers: [{ name: "job", value: "v".repeat(501) }] }, "alertMatchers.0.value"],
      [{ alertMatchers: Array.from({ length: 21 }, () => ({ name: "a", value: "b" })) }, "alertMatchers"],
      [{ alertMatchers: "job=pg" }, "alertMatchers"],
    ] as const) {
      const bad = await PATCH(req("PATCH", `/${id}`, { token: architect.secret, body }), ctx(id));
      expect(bad.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys((await json(bad)).error?.fields ?? {})).toContain(field);
    }
    expect(await auditCount("Component", id)).toBe(audits);
    expect((await db.component.findUniqueOrThrow({ where: { id } })).alertMatchers).toEqual([{ name: "service", value: "pg", isRegex: false }]);
    // a VIEWER cannot change them
    expect((await PATCH(req("PATCH", `/${id}`, { token: viewer.secret, body: { alertMatchers: [] } }), ctx(id))).status).toBe(403);
  });

  it("PATCH or GET of an unknown id → 404", async () => {
    const res = await PATCH(req("PATCH", "/nope", { token: architect.secret, body: { group: "X" } }), ctx("nope"));
    expect(res.status).toBe(404);
    expect((await json(res)).error?.code).toBe("not_found");
    const got = await getOne(req("GET", "/nope", { token: viewer.secret }), ctx("nope"));
    expect(got.status).toBe(404);
  });

  it("pagination: limit > 100 → 400; a bad cursor → 400; the cursor walks every page without duplicates", async () => {
    const tooMany = await list(req("GET", "?limit=101", { token: viewer.secret }), ctx());
    expect(tooMany.status).toBe(400);
    expect((await json(tooMany)).error?.fields?.limit).toBeTruthy();
    const badCursor = await list(req("GET", "?cursor=garbage", { token: viewer.secret }), ctx());
    expect(badCursor.status).toBe(400);
    expect((await json(badCursor)).error?.fields?.cursor).toBeTruthy();

    // A group of our own with ties on position, so the order is (position, name).
    const group = `Pg ${uid()}`;
    const names = Array.from({ length: 7 }, (_, i) => `pg-${uid()}-${i}`);
    for (const [i, name] of names.entries()) {
      const res = await POST(req("POST", "", { token: architect.secret, body: { name, group, ownerRole: "DBA", position: i % 2 } }), ctx());
      expect(res.status).toBe(201);
    }
    const seen: { name: string; group: string; position: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await list(req("GET", q, { token: viewer.secret }), ctx());
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { name: string; group: string; position: number }[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 1000);
    const all = seen.map((c) => c.name);
    expect(new Set(all).size).toBe(all.length);
    const total = await db.component.count();
    expect(all.length).toBeGreaterThanOrEqual(names.length);
    expect(all.length).toBeLessThanOrEqual(total);
    const ours = seen.filter((c) => c.group === group);
    const expected = names.map((name, i) => ({ name, position: i % 2 })).sort((x, y) => x.position - y.position || (x.name < y.name ? -1 : 1));
    expect(ours.map((c) => c.name)).toEqual(expected.map((c) => c.name));
  });
});

describe("/api/v1/openapi.json", () => {
  it("is OpenAPI 3.1 and lists the component paths with their schemas", async () => {
    const res = await openapi();
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths["/components"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/components/{id}"]).sort()).toEqual(["get", "patch"]);
    expect(Object.keys(doc.paths["/kpis"])).toEqual(["get"]);
    expect(Object.keys(doc.paths["/kpis/costs"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/kpis/costs"].post).toMatchObject({ responses: { 201: expect.any(Object), 403: expect.any(Object) } });
    expect(doc.components.schemas.Component).toMatchObject({ type: "object", properties: { status: { enum: expect.arrayContaining(["operational", "major_outage"]) } } });
    expect(doc.components.schemas.UpdateComponent).toMatchObject({ properties: { alertMatchers: { type: "array", maxItems: 20, items: { properties: { name: expect.any(Object), value: expect.any(Object), isRegex: expect.any(Object) } } } } });
    expect(doc.paths["/components"].post).toMatchObject({ responses: { 201: expect.any(Object), 403: expect.any(Object), 409: expect.any(Object) } });
    // Every $ref points at a schema the document defines.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });
});
