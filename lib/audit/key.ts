import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

/** Where embedded mode and `npm run dev` keep a generated OPSGATE_AUDIT_KEY (mode 0600). */
export const AUDIT_KEY_FILE = "audit-key";

/**
 * The audit HMAC key (OPSGATE_AUDIT_KEY). The launcher always provides it to
 * the app: from the environment, or generated into the data directory for the
 * embedded database and `npm run dev`; a production start on PostgreSQL
 * refuses to run without it (scripts/opsgate.ts).
 */
export function auditKey(): Buffer {
  const env = getEnv();
  let key = env.OPSGATE_AUDIT_KEY;
  // A process the launcher did not start (a test-support script on the embedded database): the data directory's key.
  if (!key && env.OPSGATE_EMBEDDED) key = readDataDirAuditKey(path.resolve(env.OPSGATE_DATA_DIR));
  if (!key) throw new Error("OPSGATE_AUDIT_KEY is not set: the audit log cannot be written or verified without it (README, Environment variables)");
  return Buffer.from(key, "utf8");
}

export function readDataDirAuditKey(dataDir: string): string | undefined {
  const file = path.join(dataDir, AUDIT_KEY_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() || undefined : undefined;
}

/** Reads the data directory's generated key, creating it on first use. */
export function ensureDataDirAuditKey(dataDir: string): string {
  const existing = readDataDirAuditKey(dataDir);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  try {
    writeFileSync(path.join(dataDir, AUDIT_KEY_FILE), key, { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const theirs = readDataDirAuditKey(dataDir); // another process made it first
    if (!theirs) throw new Error(`${path.join(dataDir, AUDIT_KEY_FILE)} is empty: remove it only if the audit log is empty too`);
    return theirs;
  }
  return key;
}
