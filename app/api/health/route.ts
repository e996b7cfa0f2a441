import { appliedMigration, appVersion } from "@/lib/db/schema-version";

export const dynamic = "force-dynamic";

/**
 * Liveness: 200 whenever the process serves HTTP, whatever the database does
 * (readiness is /api/ready). Reports the release and the newest applied
 * migration (null when the database does not answer within 1 s) so a rolling
 * upgrade can be watched instance by instance.
 */
export async function GET() {
  const migration = await appliedMigration();
  return Response.json({ status: "ok", version: appVersion, migration }, { headers: { "cache-control": "no-store" } });
}
