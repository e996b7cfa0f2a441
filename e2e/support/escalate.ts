/**
 * Test-only: runs one escalation tick for one incident at an injected instant,
 * then delivers that incident's page messages at the same instant (the server's
 * worker would wait until the real clock gets there), against the database of the e2e server (the embedded database it owns, reached
 * over its loopback socket). e2e tests use it instead of waiting out real
 * thresholds: the server keeps the production thresholds (15/30/60 min).
 *   node --conditions=react-server --import tsx e2e/support/escalate.ts DATA_DIR INCIDENT_ID ISO_INSTANT
 * Prints the levels it paged as JSON.
 */
import path from "node:path";
import { readLock } from "../../lib/db/embedded";

const [dataDir, incidentId, at] = process.argv.slice(2);
const lock = readLock(path.resolve(dataDir ?? ""));
if (!lock?.port || !incidentId || !at) {
  console.error("usage: escalate.ts DATA_DIR INCIDENT_ID ISO_INSTANT (the server must be running)");
  process.exit(2);
}
process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${lock.port}/postgres`;
process.env.OPSGATE_EMBEDDED = "1";
process.env.OPSGATE_DB_POOL_MAX = "1";
const { tickEscalations } = await import("../../lib/oncall/tick-escalations");
const { disconnectDb } = await import("../../lib/db/client");
const { deliverDue } = await import("../../lib/jobs/deliver-due");
const { db } = await import("../../lib/db/client");
const result = await tickEscalations(new Date(at), { scope: [incidentId] });
const messages = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `page:${incidentId}:` }, status: "pending" }, select: { id: true } });
if (messages.length) await deliverDue(new Date(at), { ids: messages.map((m) => m.id) });
await disconnectDb();
console.log(JSON.stringify(result.paged.map((p) => p.level)));
