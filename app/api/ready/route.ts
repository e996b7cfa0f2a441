import { databaseReady } from "@/lib/db/ready";

export const dynamic = "force-dynamic";

/** Readiness: 200 only when the database answers. */
export async function GET() {
  const ok = await databaseReady();
  return Response.json({ status: ok ? "ready" : "unavailable", database: ok }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
