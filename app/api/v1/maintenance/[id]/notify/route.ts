import { apiRoute } from "@/lib/http/route";
import { notifyMaintenance } from "@/lib/maintenance/notify-maintenance";

export const dynamic = "force-dynamic";

/** Sends the Maintenance Notification; idempotent (a repeat answers `sent: false`). */
export const POST = apiRoute(async ({ actor, params }) => notifyMaintenance({ actor, input: { id: params.id } }), { permission: "maintenance.notify" });
