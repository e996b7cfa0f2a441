import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbedded } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";

/**
 * One fresh, migrated database per run:
 *  - OPSGATE_TEST_DB=postgres (default): a new database on the server in
 *    TEST_DATABASE_URL (scripts/test.sh starts a throwaway PostgreSQL);
 *  - OPSGATE_TEST_DB=embedded: PGlite in a temp dir, served like `npm run dev` does.
 * Tests create their own rows and never assume empty tables.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.OPSGATE_TEST_DB ?? "postgres";
  let url: string;
  let teardown: () => Promise<void>;
  if (kind === "embedded") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "opsgate-it-"));
    const emb = await startEmbedded(dir);
    url = emb.url;
    teardown = async () => {
      await emb.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const server = process.env.TEST_DATABASE_URL;
    if (!server) throw new Error("TEST_DATABASE_URL is not set: run the integration tests through `npm test` (scripts/test.sh), which starts PostgreSQL");
    const name = `opsgate_it_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    teardown = async () => {
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
  }
  await migrate(url);
  project.provide("databaseUrl", url);
  project.provide("databaseKind", kind);
  return teardown;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: string;
  }
}
