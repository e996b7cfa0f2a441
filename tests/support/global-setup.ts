import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbedded } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";

/**
 * One migrated TEMPLATE per run; every test file then gets its own copy
 * (tests/support/setup-file.ts), so test files cannot disturb each other:
 *  - OPSGATE_TEST_DB=postgres (default): a template database on the server in
 *    TEST_DATABASE_URL (scripts/test.sh starts a throwaway PostgreSQL); each file
 *    runs on `CREATE DATABASE … TEMPLATE` of it;
 *  - OPSGATE_TEST_DB=embedded: a migrated PGlite data directory; each file runs on
 *    a copy of it, served like `npm run dev` does.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.OPSGATE_TEST_DB ?? "postgres";
  const tag = `opsgate_it_${process.pid}_${Date.now()}`;
  let teardown: () => Promise<void>;
  if (kind === "embedded") {
    const root = mkdtempSync(path.join(os.tmpdir(), "opsgate-it-"));
    const template = path.join(root, "template");
    const emb = await startEmbedded(template);
    await migrate(emb.url);
    await emb.stop();
    project.provide("databaseTemplate", template);
    teardown = async () => rmSync(root, { recursive: true, force: true });
  } else {
    const server = process.env.TEST_DATABASE_URL;
    if (!server) throw new Error("TEST_DATABASE_URL is not set: run the integration tests through `npm test` (scripts/test.sh), which starts PostgreSQL");
    await adminQuery(server, `CREATE DATABASE "${tag}_tpl"`);
    await migrate(databaseUrl(server, `${tag}_tpl`));
    project.provide("databaseTemplate", `${tag}_tpl`);
    teardown = async () => {
      // The per-file databases are dropped by their files; drop any a crashed worker left, then the template.
      const left = await adminQuery(server, `SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${tag}%`]);
      for (const { datname } of left) await adminQuery(server, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    };
  }
  project.provide("databaseKind", kind);
  project.provide("databaseServer", process.env.TEST_DATABASE_URL ?? "");
  return teardown;
}

export function databaseUrl(server: string, name: string) {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(server: string, sql: string, params: unknown[] = []) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    return (await admin.query<{ datname: string }>(sql, params)).rows;
  } finally {
    await admin.end();
  }
}

/** Copies the embedded template's data directory (its lock file is gone: the template was stopped). */
export function copyTemplateDir(template: string, dest: string) {
  cpSync(template, dest, { recursive: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: string;
    databaseKind: string;
    databaseServer: string;
  }
}
