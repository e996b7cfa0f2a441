import { overdueEmergencyChanges } from "@/lib/changes/deploy";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Emergency changes past their 24 h retroactive-approval deadline (issue 18). */
export const GET = apiRoute(async () => ({ items: await overdueEmergencyChanges() }));
