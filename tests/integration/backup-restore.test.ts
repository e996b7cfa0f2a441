import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../lib/audit";
import { backup, restore, RestoreRefusedError } from "../../lib/db/backup";
import { db, disconnectDb } from "../../lib/db/client";
import { startEmbedded } from "../../lib/db/embedded";
import { acknowledgeIncident } from "../../lib/incidents/acknowledge-incident";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update";
import { createComponent, createUser, uid } from "../support/factories";

/**
 * Restore drill: data made through the domain commands, a backup of the live database,
 * a wipe, a restore, then every table compared row by row and the audit hash chain verified.
 */
const embedded = process.env.OPSGATE_EMBEDDED === "1";
const T0 = new Date("2026-11-22T10:00:00.000Z");
const work = mkdtempSync(path.join(os.tmpdir(), "opsgate-backup-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every row of every table, as sorted JSON, per table. */
async function everyTable(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const out: Record<string, string[]> = {};
    for (const { table_name } of tables.rows) {
      const rows = await client.query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM "${table_name}" t`);
      out[table_name] = rows.rows.map((x) => x.r).sort();
    }
    return out;
  } finally {
    await client.end();
  }
}

async function makeData() {
  const commander = await createUser("SRE");
  const sre = await createUser("SRE");
  const component = await createComponent("DBA", { group: "Database" });
  const incident = await declareIncident({
    actor: commander,
    now: T0,
    input: { title: `Backup drill ${uid()}`, severity: "P2", impact: "Slow queries", componentIds: [component.id], currentAction: "Investigating" },
  });
  await acknowledgeIncident({ actor: sre, now: new Date(T0.getTime() + 60_000), id: incident.id });
  await postIncidentUpdate({ actor: commander, now: new Date(T0.getTime() + 120_000), id: incident.id, input: { status: "Identified", message: "Failing over the replica", public: true } });
  return incident.id;
}

async function withDatabase<T>(url: string, fn: () => Promise<T>) {
  const saved = process.env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = url;
  try {
    return await fn();
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = saved;
  }
}

// One drill per database kind: the file runs in both integration passes (OPSGATE_TEST_DB).
const postgresDrill = () =>
  it("PostgreSQL (pg_dump/pg_restore): backs up, refuses a non-empty target, restores a wiped database identically, audit chain intact", async () => {
    const url = process.env.DATABASE_URL!;
    const incidentId = await makeData();
    const before = await everyTable(url);
    expect(before.AuditLog.length).toBeGreaterThan(2);
    const file = path.join(work, "pg.dump");
    await backup({ databaseUrl: url, dataDir: work }, file);

    await expect(restore({ databaseUrl: url, dataDir: work }, file)).rejects.toThrow(RestoreRefusedError);
    expect(await everyTable(url)).toEqual(before);

    await disconnectDb();
    const wipe = new pg.Client({ connectionString: url });
    await wipe.connect();
    await wipe.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    await wipe.end();
    expect(Object.keys(await everyTable(url))).toEqual([]);

    await restore({ databaseUrl: url, dataDir: work }, file);
    expect(await everyTable(url)).toEqual(before);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: before.AuditLog.length });
    expect(await db.incident.findUnique({ where: { id: incidentId } })).toMatchObject({ id: incidentId });
    // The append-only triggers came back with the schema.
    await expect(db.auditLog.deleteMany({})).rejects.toThrow(/append-only/);

    // --force replaces a non-empty database.
    await createUser("VIEWER");
    await restore({ databaseUrl: url, dataDir: work }, file, { force: true });
    await disconnectDb();
    expect(await everyTable(url)).toEqual(before);
  });

const embeddedDrill = () =>
  it("embedded (PGlite dumpDataDir through the owner): snapshots the running database, restores into an empty directory identically, audit chain intact", { timeout: 120_000 }, async () => {
    const live = process.env.OPSGATE_DATA_DIR!;
    const url = process.env.DATABASE_URL!;
    await makeData();
    const before = await everyTable(url);
    const file = path.join(work, "embedded.tar.gz");
    // This process owns the live directory: the backup goes through its admin endpoint.
    await backup({ dataDir: live }, file);

    await expect(restore({ dataDir: live }, file, { force: true })).rejects.toThrow(/running/);

    const target = path.join(work, "restored");
    await restore({ dataDir: target }, file);
    await expect(restore({ dataDir: target }, file)).rejects.toThrow(/already holds a database/);

    const check = async () => {
      const emb = await startEmbedded(target, 0, { admin: false });
      try {
        expect(await everyTable(emb.url)).toEqual(before);
        expect(await withDatabase(emb.url, () => verifyAuditChain())).toMatchObject({ ok: true, checked: before.AuditLog.length });
        return emb.url;
      } finally {
        await emb.stop();
      }
    };
    await check();

    // Write into the restored copy, then --force puts the backup back exactly.
    const emb = await startEmbedded(target, 0, { admin: false });
    await withDatabase(emb.url, () => createUser("VIEWER"));
    await emb.stop();
    await restore({ dataDir: target }, file, { force: true });
    await check();
  });

describe("restore drill", () => (embedded ? embeddedDrill() : postgresDrill()));
