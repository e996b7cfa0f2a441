import { describe, expect, it } from "vitest";
import { audit, verifyAuditChain } from "../../lib/audit";
import { db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createUser, uid } from "../support/factories";

describe("audit log", () => {
  it("chains every row to the previous one and verifies", async () => {
    const actor = await createUser("ARCHITECT");
    const id = uid();
    await db.$transaction(async (tx) => {
      await audit(tx, { actor, action: "test.did", entity: "Test", entityId: id, data: { n: 1, at: new Date(0) } });
      await audit(tx, { actor: { system: "test" }, action: "test.did_again", entity: "Test", entityId: id });
    });
    const rows = await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[0].actorId).toBe(actor.id);
    expect(rows[1].actorLabel).toBe("system:test");
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const id = uid();
    await db.$transaction((tx) => audit(tx, { actor: { system: "test" }, action: "test.did", entity: "Test", entityId: id }));
    await expect(db.auditLog.updateMany({ where: { entityId: id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.deleteMany({ where: { entityId: id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await db.auditLog.count({ where: { entityId: id, action: "test.did" } })).toBe(1);
  });

  it("detects a tampered row (trigger bypassed by a superuser)", async () => {
    const id = uid();
    await db.$transaction((tx) => audit(tx, { actor: { system: "test" }, action: "test.original", entity: "Test", entityId: id }));
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: id } });
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update"`);
      await tx.$executeRawUnsafe(`UPDATE "AuditLog" SET action = 'test.forged' WHERE id = ${row.id}`);
      const verdict = await verifyAuditChain(tx);
      expect(verdict).toMatchObject({ ok: false, brokenAt: String(row.id) });
      throw new Error("rollback");
    }).catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("migrations are idempotent: a second run applies nothing", async () => {
    expect(await migrate(process.env.DATABASE_URL!)).toEqual([]);
  });
});
