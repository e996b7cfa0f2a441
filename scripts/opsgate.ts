/**
 * OpsGate launcher: `node --conditions=react-server --import tsx scripts/opsgate.ts <command>`.
 * A thin dispatcher: each command lives in scripts/opsgate/<command>.ts.
 *   dev | start        start the embedded database when DATABASE_URL is unset,
 *                      migrate, seed demo data on first start, then run Next.
 *   migrate            apply prisma/migrations (embedded or DATABASE_URL).
 *   seed               seed demo data into an empty database.
 *   create-architect   create the first ARCHITECT (production has no demo users).
 *   verify-audit       check the audit log's hash chain.
 *   backup FILE        consistent snapshot of the database (lib/db/backup.ts).
 *   restore FILE [--force]  restore one into an empty database (--force: replace).
 */
import { backupCommand } from "./opsgate/backup";
import { command, fail } from "./opsgate/context";
import { createArchitectCommand } from "./opsgate/create-architect";
import { migrateCommand } from "./opsgate/migrate";
import { seedCommand } from "./opsgate/seed";
import { serve } from "./opsgate/serve";
import { verifyAuditCommand } from "./opsgate/verify-audit";

const COMMANDS: Record<string, () => Promise<unknown>> = {
  dev: () => serve("dev"),
  start: () => serve("start"),
  migrate: migrateCommand,
  seed: seedCommand,
  "create-architect": createArchitectCommand,
  "verify-audit": verifyAuditCommand,
  backup: () => backupCommand("backup"),
  restore: () => backupCommand("restore"),
};

const run = COMMANDS[command] ?? (() => fail(`unknown command ${command}`));
run().catch((e) => {
  console.error(e);
  process.exit(1);
});
