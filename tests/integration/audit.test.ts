import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { audit, auditCheckpointPath, verifyAuditChain, writeAuditCheckpoint } from "../../lib/audit";
import { legacyHash, parseCheckpoint, rowMac } from "../../lib/audit/chain";
import { db, type Tx } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createUser, uid } from "../support/factories";

const kind = inject("databaseKind");

/** Runs `fn` in a transaction that is always rolled back (the attack and its detection, then nothing happened). */
async function inRolledBack(fn: (tx: Tx) => Promise<void>) {
  await db
    .$transaction(async (tx) => {
      await fn(tx);
      throw new Error("rollback");
    })
    .catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
}

async function writeRows(n: number, tag = uid()) {
  for (let i = 0; i < n; i++) await db.$transaction((tx) => audit(tx, { actor: { system: "test" }, action: "test.did", entity: "Test", entityId: `${tag}-${i}`, data: { i } }));
  return tag;
}

describe("audit log", () => {
  it("chains every row to the previous one of its chain with an HMAC, and verifies", async () => {
    const actor = await createUser("ARCHITECT");
    const id = uid();
    await db.$transaction(async (tx) => {
      await audit(tx, { actor, action: "test.did", entity: "Test", entityId: id, data: { n: 1, at: new Date(0) } });
      await audit(tx, { actor: { system: "test" }, action: "test.did_again", entity: "Test", entityId: id });
    });
    const rows = await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[1].shard).toBe(rows[0].shard); // one transaction extends one chain
    expect(rows[1].seq).toBe(rows[0].seq! + 1n);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[0].actorId).toBe(actor.id);
    expect(rows[1].actorLabel).toBe("system:test");
    // keyed: not the plain SHA-256 anyone could recompute
    expect(rows[0].hash).not.toBe(legacyHash(rows[0].prevHash, rows[0]));
    expect(await verifyAuditChain({ checkpoint: null })).toMatchObject({ ok: true });
    expect(await verifyAuditChain({ checkpoint: null, key: Buffer.from("another-key-another-key-another-key") })).toMatchObject({ ok: false, reason: expect.stringMatching(/HMAC/) });
  });

  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const id = uid();
    await db.$transaction((tx) => audit(tx, { actor: { system: "test" }, action: "test.did", entity: "Test", entityId: id }));
    await expect(db.auditLog.updateMany({ where: { entityId: id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.deleteMany({ where: { entityId: id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await db.auditLog.count({ where: { entityId: id, action: "test.did" } })).toBe(1);
  });

  it("detects a tampered row (trigger bypassed by the table owner)", async () => {
    const id = uid();
    await db.$transaction((tx) => audit(tx, { actor: { system: "test" }, action: "test.original", entity: "Test", entityId: id }));
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: id } });
    await inRolledBack(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER`);
      await tx.$executeRawUnsafe(`UPDATE "AuditLog" SET action = 'test.forged' WHERE id = ${row.id}`);
      expect(await verifyAuditChain({ client: tx, checkpoint: null })).toMatchObject({ ok: false, firstBadId: String(row.id) });
    });
    expect(await verifyAuditChain({ checkpoint: null })).toMatchObject({ ok: true });
  });

  it("hole 5a: trigger disabled and the last rows deleted is caught against the signed checkpoint", async () => {
    await writeRows(12);
    const file = auditCheckpointPath();
    const written = await writeAuditCheckpoint(new Date("2026-12-04T01:00:00Z"));
    expect(written).toMatchObject({ written: true });
    // the checkpoint lives outside the table: a file (and a log line) that parses back
    const cp = parseCheckpoint(readFileSync(file, "utf8"));
    expect(cp).toMatchObject({ at: "2026-12-04T01:00:00.000Z", rows: await db.auditLog.count() });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checkpoint: { rows: cp.rows } });

    const last = await db.auditLog.findMany({ orderBy: { id: "desc" }, take: 5, select: { id: true } });
    await inRolledBack(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER`);
      await tx.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id IN (${last.map((r) => r.id).join(",")})`);
      // every remaining chain is internally consistent: without the checkpoint this is undetectable
      expect(await verifyAuditChain({ client: tx, checkpoint: null })).toMatchObject({ ok: true });
      const verdict = await verifyAuditChain({ client: tx });
      expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/missing: rows were deleted/) });
      // and the checkpoint job keeps the old checkpoint instead of signing the shortened log
      expect(await writeAuditCheckpoint(new Date("2026-12-04T01:01:00Z"), { client: tx })).toMatchObject({ written: false, problem: expect.stringMatching(/no longer contains/) });
    });
    expect(parseCheckpoint(readFileSync(file, "utf8")).at).toBe(cp.at);
  });

  it("hole 5b: a forged row re-chained to the end (without the key) is caught", async () => {
    const tag = await writeRows(10);
    await writeAuditCheckpoint(new Date("2026-12-04T02:00:00Z"));
    const victim = await db.auditLog.findFirstOrThrow({ where: { entityId: `${tag}-2` } });
    const chain = await db.auditLog.findMany({ where: { shard: victim.shard, id: { gte: victim.id } }, orderBy: { id: "asc" } });
    const guessedKey = Buffer.from("the-attacker-does-not-have-the-key");
    for (const recompute of ["hmac-with-a-guessed-key", "downgrade-to-sha256"] as const) {
      await inRolledBack(async (tx) => {
        await tx.$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER`);
        let prevHash = victim.prevHash;
        for (const r of chain) {
          const row = { ...r, action: r.id === victim.id ? "test.forged" : r.action, prevHash };
          const hash = recompute === "downgrade-to-sha256" ? legacyHash(prevHash, row) : rowMac(guessedKey, { ...row, shard: r.shard!, seq: r.seq! });
          await tx.$executeRaw`UPDATE "AuditLog" SET action = ${row.action}, "prevHash" = ${prevHash}, hash = ${hash},
            "shard" = ${recompute === "downgrade-to-sha256" ? null : r.shard}, seq = ${recompute === "downgrade-to-sha256" ? null : r.seq} WHERE id = ${r.id}`;
          prevHash = hash;
        }
        for (const checkpoint of [undefined, null]) {
          const verdict = await verifyAuditChain({ client: tx, checkpoint });
          expect(verdict, `${recompute}, checkpoint ${checkpoint === null ? "none" : "latest"}`).toMatchObject({ ok: false, firstBadId: String(victim.id) });
        }
      });
    }
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("concurrent audited writes all land in verifiable chains", async () => {
    const tag = uid();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.$transaction(async (tx) => {
          await audit(tx, { actor: { system: "test" }, action: "test.concurrent", entity: "Test", entityId: `${tag}-${i}` });
          await audit(tx, { actor: { system: "test" }, action: "test.concurrent_again", entity: "Test", entityId: `${tag}-${i}` });
        }),
      ),
    );
    expect(await db.auditLog.count({ where: { entityId: { startsWith: tag } } })).toBe(80);
    expect(await verifyAuditChain({ checkpoint: null })).toMatchObject({ ok: true });
  });

  // PGlite has one backend: its socket runs one transaction at a time, so there is nothing to overlap there
  // (the file runs in both integration passes; this case only in the PostgreSQL one).
  if (kind === "postgres")
    it("an open audited transaction does not block another writer (no global lock held to commit)", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let audited!: () => void;
    const first = new Promise<void>((r) => (audited = r));
    const slow = db.$transaction(
      async (tx) => {
        await audit(tx, { actor: { system: "test" }, action: "test.slow", entity: "Test", entityId: uid() });
        audited();
        await held;
      },
      { timeout: 20_000 },
    );
    await first;
    const started = Date.now();
    await db.$transaction((tx) => audit(tx, { actor: { system: "test" }, action: "test.fast", entity: "Test", entityId: uid() }), { maxWait: 5_000, timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
    release();
    await slow;
    expect(await verifyAuditChain({ checkpoint: null })).toMatchObject({ ok: true });
  });

  it("migrations are idempotent: a second run applies nothing", async () => {
    expect(await migrate(process.env.DATABASE_URL!)).toEqual([]);
  });
});
