import { describe, expect, it } from "vitest";
import { GET as getDeps, PUT as putDeps } from "../../app/api/v1/components/[id]/dependencies/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { getChange } from "../../lib/changes/queries";
import { db } from "../../lib/db/client";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
import { createComponent, createUser, uid } from "../support/factories";
import { fullInput, linkWindow, snapshot } from "./changes-helpers";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, actor: Actor, id: string, body?: unknown) {
  const headers = { "content-type": "application/json", authorization: `Bearer ${(await createApiToken({ actor, input: { name: "t" } })).secret}` };
  const res = await handler(new Request(`http://t/api/v1/components/${id}/dependencies`, { method: body === undefined ? "GET" : "PUT", headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve({ id }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { fields?: Record<string, string> } } };
}

describe("component dependencies and change conflicts", () => {
  it("an ARCHITECT sets dependencies (no self or two-way; 400 naming the field; others 403)", async () => {
    const [portal, pg] = await Promise.all([createComponent("SRE", { name: `Portal ${uid()}` }), createComponent("DBA", { name: `PG ${uid()}` })]);
    const [architect, sre] = await Promise.all([createUser("ARCHITECT"), createUser("SRE")]);
    expect((await call(putDeps, sre, portal.id, { dependsOnIds: [pg.id] })).status).toBe(403);
    expect(await call(putDeps, architect, portal.id, { dependsOnIds: [portal.id] })).toMatchObject({ status: 400, json: { error: { fields: { dependsOnIds: expect.any(String) } } } });
    expect(await call(putDeps, architect, portal.id, { dependsOnIds: ["nope"] })).toMatchObject({ status: 400, json: { error: { fields: { dependsOnIds: "Unknown component" } } } });
    expect(await call(putDeps, architect, portal.id, { dependsOnIds: [pg.id] })).toMatchObject({ status: 200, json: { dependsOn: [{ id: pg.id }] } });
    expect(await call(putDeps, architect, pg.id, { dependsOnIds: [portal.id] })).toMatchObject({ status: 400 });
    expect(await call(getDeps, sre, pg.id)).toMatchObject({ status: 200, json: { dependsOn: [], dependents: [{ id: portal.id }] } });
    expect(await db.auditLog.count({ where: { entity: "Component", entityId: portal.id, action: "component.dependencies_set" } })).toBe(1);
  });

  it("a change conflicts with a window on a component it depends on; approving needs a confirmation reason (422 without, nothing written)", async () => {
    const [portal, pg] = await Promise.all([createComponent("SRE", { name: `Portal ${uid()}` }), createComponent("DBA", { name: `PG ${uid()}` })]);
    const [architect, requester] = await Promise.all([createUser("ARCHITECT"), createUser("AUTOMATION")]);
    await db.componentDependency.create({ data: { componentId: portal.id, dependsOnId: pg.id } });
    const other = await createMaintenance({
      actor: architect,
      input: { title: `PG upgrade ${uid()}`, windowStart: "2031-02-01T01:00:00Z", windowEnd: "2031-02-01T03:00:00Z", type: "Upgrade", impact: "Failover", rollback: "Available", contact: "DBA", componentIds: [pg.id] },
    });
    const change = await createChange({ actor: requester, input: fullInput(portal.id, { submit: true, plannedStart: "2031-02-01T02:00:00Z", plannedEnd: "2031-02-01T04:00:00Z" }) });
    await linkWindow(change.id, portal.id, requester);
    const dto = await getChange(change.id, architect);
    expect(dto.conflicts).toEqual([expect.objectContaining({ kind: "maintenance", id: other.id, reason: `${portal.name} depends on ${pg.name}` })]);
    const touching = await createChange({ actor: requester, input: fullInput(portal.id, { submit: true, plannedStart: "2031-02-01T03:00:00Z", plannedEnd: "2031-02-01T04:00:00Z" }) });
    expect((await getChange(touching.id, architect)).conflicts).toEqual([expect.objectContaining({ id: change.id, reason: expect.stringMatching(/same component/) })]);
    const before = await snapshot(change.id);
    await expect(approveChange({ actor: architect, input: { id: change.id } })).rejects.toMatchObject({ status: 422, fields: { conflictReason: expect.any(String) } });
    expect(await snapshot(change.id)).toEqual(before);
    const approved = await approveChange({ actor: architect, input: { id: change.id, conflictReason: "Portal is read-only during the PG failover" } });
    expect(approved.status).toBe("Approved");
    expect((await db.auditLog.findFirstOrThrow({ where: { entityId: change.id, action: "change.conflict_confirmed" } })).data).toMatchObject({ conflictReason: "Portal is read-only during the PG failover" });
  });
});
