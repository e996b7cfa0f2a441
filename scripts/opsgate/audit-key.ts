/** The audit log's HMAC key (OPSGATE_AUDIT_KEY, lib/audit) for this process and Next. */
import { ensureDataDirAuditKey, readDataDirAuditKey } from "../../lib/audit/key";
import { resetEnvCache } from "../../lib/env";
import { dataDir, embedded, env, fail } from "./context";

/**
 * The environment's key, else the one generated into the data dir (embedded database, `npm run dev`,
 * commands after a dev run on PostgreSQL). A production start on PostgreSQL, and commands on a
 * PostgreSQL database without a key, refuse: the key must come from outside the database.
 */
export function provideAuditKey(mode: "dev" | "start" | "command"): string {
  let key = env.OPSGATE_AUDIT_KEY;
  if (!key && (embedded || mode === "dev")) key = ensureDataDirAuditKey(dataDir);
  if (!key && mode === "command") key = readDataDirAuditKey(dataDir);
  if (!key) {
    fail(
      "OPSGATE_AUDIT_KEY is not set. On PostgreSQL the audit log's HMAC key must come from outside the database and be the same for all instances: set OPSGATE_AUDIT_KEY (e.g. `openssl rand -base64 48`) and keep it with your other secrets.",
    );
  }
  process.env.OPSGATE_AUDIT_KEY = key;
  resetEnvCache();
  return key;
}
