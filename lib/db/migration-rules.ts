import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Additive-first migrations (README "Upgrades"). During a rolling upgrade the old release keeps
 * running on the new schema, so a migration may only add: tables, nullable columns or columns with
 * a default, indexes, constraints the old code satisfies. Removing or renaming something, or
 * changing a column's type, waits for a LATER release whose previous version no longer uses it,
 * and that migration says so with a line `-- opsgate:destructive <why it is safe now>`.
 */
export const DESTRUCTIVE_MARKER = /^--\s*opsgate:destructive\s+\S/m;

/** Released before the rule existed (their checksums are recorded in deployed databases: never edit them). */
export const GRANDFATHERED = new Set(["20261122140000_maintenance_notice_changed"]);

const RULES: [RegExp, string][] = [
  [/\bDROP\s+(TABLE|SCHEMA|TYPE|VIEW|MATERIALIZED\s+VIEW|FUNCTION|TRIGGER)\b/i, "drops an object the running release may use"],
  [/\bDROP\s+COLUMN\b/i, "drops a column the running release may read or write"],
  [/\bRENAME\b/i, "renames something the running release refers to by name"],
  [/\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b/i, "changes a column's type"],
  [/\bALTER\s+COLUMN\s+\S+\s+SET\s+NOT\s+NULL\b/i, "makes a column required that the running release may leave empty"],
  [/(^|;)\s*(TRUNCATE|DELETE\s+FROM)\b/im, "deletes data"],
];

/** Strips comments and string literals so rules match statements only. */
function statements(sql: string) {
  return sql
    .replace(/--[^\n]*/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\$\$[\s\S]*?\$\$/g, "$$$$")
    .replace(/'(?:[^']|'')*'/g, "''");
}

export function destructiveChanges(sql: string): string[] {
  const body = statements(sql);
  return RULES.filter(([re]) => re.test(body)).map(([, why]) => why);
}

export type MigrationViolation = { migration: string; reasons: string[] };

export function checkMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): MigrationViolation[] {
  const out: MigrationViolation[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || GRANDFATHERED.has(d.name)) continue;
    const sql = readFileSync(path.join(dir, d.name, "migration.sql"), "utf8");
    const reasons = destructiveChanges(sql);
    if (reasons.length && !DESTRUCTIVE_MARKER.test(sql)) out.push({ migration: d.name, reasons });
  }
  return out.sort((a, b) => a.migration.localeCompare(b.migration));
}
