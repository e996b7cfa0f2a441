import { describe, expect, it } from "vitest";
import { approveChange } from "../../lib/changes/approve-change";
import { updateChange } from "../../lib/changes/update-change";
import { db } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { createUser } from "../support/factories";
import { readyChange, world } from "./changes-helpers";

describe("concurrency", () => {
  it("20 concurrent approvals of one change produce exactly one recorded outcome", async () => {
    const w = await world();
    const c = await readyChange(w);
    const approvers = [w.owner, w.owner2, w.architect, w.architect2, ...(await Promise.all(Array.from({ length: 16 }, (_, i) => createUser(i % 2 ? "ARCHITECT" : "NETWORK"))))];
    const results = await Promise.allSettled(approvers.map((actor) => approveChange({ actor, input: { id: c.id } })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect([409, 422]).toContain((f.reason as AppError).status);
    }
    const row = await db.changeRequest.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ status: "Approved", version: c.version + 1 });
    expect(await db.changeApproval.count({ where: { changeId: c.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { entityId: c.id, action: "change.approved" } })).toBe(1);
  });

  it("20 concurrent edits with the same version: one wins, the rest get 409", async () => {
    const w = await world();
    const c = await readyChange(w);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => updateChange({ actor: w.requester, input: { id: c.id, version: c.version, impact: `edit ${i}` } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).status).toBe(409);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(c.version + 1);
    expect(await db.auditLog.count({ where: { entityId: c.id, action: "change.updated" } })).toBe(1);
  });
});
