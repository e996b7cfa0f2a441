import "server-only";
import { db } from "@/lib/db/client";
import pkg from "@/package.json" with { type: "json" };

/** The running release and the newest migration applied to its database (GET /api/health, rolling upgrades). */
export type VersionInfo = { version: string; migration: string | null };

export const appVersion: string = pkg.version;

/** The newest applied migration, or null when the database does not answer within `timeoutMs`. */
export async function appliedMigration(timeoutMs = 1000): Promise<string | null> {
  try {
    const rows = await Promise.race([
      db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    return rows[0]?.migration_name ?? null;
  } catch {
    return null;
  }
}
