import path from "node:path";
import { provideAuditKey } from "./audit-key";
import { fail, flag } from "./context";
import { withDb } from "./database";

/** `opsgate verify-audit [--checkpoint FILE]`: check the audit log's HMAC chains against the latest signed checkpoint (or FILE). */
export function verifyAuditCommand() {
  provideAuditKey("command");
  const file = flag("checkpoint");
  return withDb(async () => {
    const { verifyAuditChain, readAuditCheckpoint } = await import("../../lib/audit");
    let checkpoint;
    try {
      checkpoint = file ? readAuditCheckpoint(path.resolve(file)) : undefined;
    } catch (e) {
      fail(`${file}: ${(e as Error).message}`);
    }
    if (file && !checkpoint) fail(`${file}: no such file`);
    const result = await verifyAuditChain({ checkpoint });
    if (!result.ok) fail(`Audit log NOT intact${result.firstBadId ? ` at row ${result.firstBadId}` : ""}: ${result.reason} (${result.checked} rows checked)`);
    console.log(`Audit log intact: ${result.checked} rows${result.checkpoint ? `, and every chain still reaches the checkpoint of ${result.checkpoint.at} (${result.checkpoint.rows} rows)` : ""}.`);
    if (result.warning) console.warn(`opsgate: ${result.warning}`);
  });
}
