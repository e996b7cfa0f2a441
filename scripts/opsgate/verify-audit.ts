import { fail } from "./context";
import { withDb } from "./database";

/** `opsgate verify-audit`: check the audit log's hash chain. */
export function verifyAuditCommand() {
  return withDb(async () => {
    const { verifyAuditChain } = await import("../../lib/audit");
    const result = await verifyAuditChain();
    if (!result.ok) fail(`Audit chain broken at row ${result.brokenAt}: ${result.reason}`);
    console.log(`Audit chain intact (${result.rows} rows).`);
  });
}
