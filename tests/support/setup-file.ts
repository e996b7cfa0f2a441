import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { startEmbedded } from "../../lib/db/embedded";
import { disconnectDb } from "../../lib/db/client";
import { adminQuery, copyTemplateDir, databaseUrl } from "./global-setup";

/**
 * Runs before each test file: gives the file a database of its own, a copy of
 * the migrated template made by global-setup.ts, and drops it afterwards.
 */
const kind = inject("databaseKind");
const template = inject("databaseTemplate");
let drop: () => Promise<void>;

if (kind === "embedded") {
  const root = mkdtempSync(path.join(os.tmpdir(), "opsgate-it-file-"));
  const dir = path.join(root, "db");
  copyTemplateDir(template, dir);
  const emb = await startEmbedded(dir);
  process.env.DATABASE_URL = emb.url;
  process.env.OPSGATE_EMBEDDED = "1";
  process.env.OPSGATE_DATA_DIR = dir; // this process owns it (tests/integration/backup-restore.test.ts)
  drop = async () => {
    await emb.stop();
    rmSync(root, { recursive: true, force: true });
  };
} else {
  const server = inject("databaseServer");
  const name = `${template.replace(/_tpl$/, "")}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  process.env.DATABASE_URL = databaseUrl(server, name);
  drop = async () => {
    await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
}
// The suites' webhook receivers listen on 127.0.0.1; the SSRF guard (lib/net/outbound.ts) refuses that
// by default. lib/net/outbound.test.ts and tests/integration/security-subscribers.test.ts turn it off to prove the refusals.
process.env.OPSGATE_ALLOW_PRIVATE_WEBHOOKS = "true";
// The audit log's HMAC key and checkpoint directory (lib/audit); per file, so checkpoints of other files' databases never meet this one.
process.env.OPSGATE_AUDIT_KEY = `test-audit-key-${"k".repeat(32)}`;
process.env.OPSGATE_AUDIT_CHECKPOINT_DIR = mkdtempSync(path.join(os.tmpdir(), "opsgate-it-checkpoints-"));
process.env.OPSGATE_DB_POOL_MAX ??= kind === "embedded" ? "4" : "10";

afterAll(async () => {
  await disconnectDb();
  await drop();
  rmSync(process.env.OPSGATE_AUDIT_CHECKPOINT_DIR!, { recursive: true, force: true });
});
