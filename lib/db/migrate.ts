import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * Applies `prisma/migrations/<name>/migration.sql` in order, each in its own
 * transaction, recording them in Prisma's `_prisma_migrations` table (same
 * columns and checksum) so `prisma migrate status` agrees.
 *
 * Why not `prisma migrate deploy`: with a driver adapter the JS schema engine
 * splits scripts on every `;`, which breaks PL/pgSQL bodies (the audit-log
 * trigger); the simple query protocol runs a script whole. A session advisory
 * lock makes concurrent starts safe.
 */
/** The migration directories in apply order. */
async function migrationNames(migrationsDir: string) {
  return (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * The migrations not yet applied to the database (all of them on an empty one). Read-only and
 * lock-free: an instance started with OPSGATE_MIGRATE_ON_START=false polls it until the rollout's
 * migration job (`npm run db:migrate`) has run.
 */
export async function pendingMigrations(databaseUrl: string, migrationsDir = path.join(process.cwd(), "prisma", "migrations")) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
    const done = table.rows[0].exists
      ? new Set(
          (await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows.map(
            (r) => r.migration_name,
          ),
        )
      : new Set<string>();
    return (await migrationNames(migrationsDir)).filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

export async function migrate(databaseUrl: string, migrationsDir = path.join(process.cwd(), "prisma", "migrations")) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock(72707369)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const known = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    const names = await migrationNames(migrationsDir);
    for (const name of names) {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = known.get(name);
      if (previous) {
        if (previous !== checksum) throw new Error(`Migration ${name} was edited after it was applied (checksum mismatch)`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(72707369)").catch(() => {});
    await client.end();
  }
  return applied;
}
