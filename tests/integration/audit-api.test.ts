import { describe, expect, it } from "vitest";
import { GET as auditRoute } from "../../app/api/v1/audit/route";
import { audit } from "../../lib/audit";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { createUser, uid } from "../support/factories";

type Page = { data: { id: string; action: string; entity: string; entityId: string; actor: { id: string; name: string } | null; data: Record<string, unknown> }[]; nextCursor: string | null; verification: { ok: boolean; checked: number } | null };

async function get(token: string, query = "") {
  return auditRoute(new Request(`http://t/api/v1/audit${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
}

describe("GET /api/v1/audit", () => {
  it("ARCHITECT: filters by entity and entityId, pages newest first by cursor without gaps or repeats, verifies the chain on request", async () => {
    const architect = await createUser("ARCHITECT");
    const token = (await createApiToken({ actor: architect, input: { name: "audit" } })).secret;
    const entityId = `thing-${uid()}`;
    for (let i = 0; i < 5; i++) await db.$transaction((tx) => audit(tx, { actor: architect, action: i % 2 ? "thing.odd" : "thing.even", entity: "Thing", entityId, data: { i } }));
    await db.$transaction((tx) => audit(tx, { actor: architect, action: "thing.even", entity: "Thing", entityId: `other-${uid()}`, data: {} }));

    const first = await get(token, `?entity=Thing&entityId=${entityId}&limit=2`);
    expect(first.status).toBe(200);
    const p1 = (await first.json()) as Page;
    expect(p1.data.map((e) => e.data.i)).toEqual([4, 3]);
    expect(p1.data[0]).toMatchObject({ entity: "Thing", entityId, action: "thing.even", actor: { id: architect.id, name: architect.name } });
    expect(p1.verification).toBeNull();
    const seen = [...p1.data.map((e) => e.data.i)];
    let cursor = p1.nextCursor;
    while (cursor) {
      const p = (await (await get(token, `?entity=Thing&entityId=${entityId}&limit=2&cursor=${cursor}`)).json()) as Page;
      seen.push(...p.data.map((e) => e.data.i));
      cursor = p.nextCursor;
    }
    expect(seen).toEqual([4, 3, 2, 1, 0]);

    const odd = (await (await get(token, `?entityId=${entityId}&action=thing.odd`)).json()) as Page;
    expect(odd.data.map((e) => e.data.i)).toEqual([3, 1]);

    const verified = (await (await get(token, "?limit=1&verify=true")).json()) as Page;
    expect(verified.verification).toMatchObject({ ok: true });
    expect(verified.verification?.checked).toBeGreaterThanOrEqual(6);
  });

  it("refuses other roles (403), bad input (400 naming the field), and no token (401)", async () => {
    for (const role of ["SRE", "VIEWER", "SYSADMIN"] as const) {
      const actor = await createUser(role);
      const token = (await createApiToken({ actor, input: { name: "audit" } })).secret;
      expect((await get(token)).status, role).toBe(403);
    }
    const architect = await createUser("ARCHITECT");
    const token = (await createApiToken({ actor: architect, input: { name: "audit" } })).secret;
    for (const [q, field] of [
      ["?limit=0", "limit"],
      ["?cursor=abc", "cursor"],
      [`?entity=${"x".repeat(65)}`, "entity"],
      ["?verify=yes", "verify"],
    ] as const) {
      const res = await get(token, q);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields, q).toHaveProperty(field);
    }
    expect((await auditRoute(new Request("http://t/api/v1/audit"), { params: Promise.resolve({}) })).status).toBe(401);
  });
});
