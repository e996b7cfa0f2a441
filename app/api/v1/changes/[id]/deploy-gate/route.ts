import { getDeployGate } from "@/lib/changes/deploy";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ actor, params }) => getDeployGate({ actor, id: params.id }));
