import { apiRoute } from "@/lib/http/route";
import { cancelSwap } from "@/lib/oncall/swaps";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ actor, params }) => cancelSwap({ actor, input: { id: params.id } }), { permission: "swaps.propose" });
