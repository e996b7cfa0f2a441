/** Part of `npm run db:diff -- --check`: new migrations must be additive (lib/db/migration-rules.ts). */
import { checkMigrations } from "../lib/db/migration-rules";

const violations = checkMigrations();
for (const v of violations) console.error(`${v.migration}: ${v.reasons.join("; ")} (mark it with "-- opsgate:destructive <why it is safe now>" only in a release after the one that stopped using it)`);
if (violations.length) process.exit(1);
console.log("Migrations are additive (or marked destructive).");
