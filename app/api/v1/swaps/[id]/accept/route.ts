import { apiRoute } from "@/lib/http/route";
import { acceptSwap } from "@/lib/oncall/swaps";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ actor, params }) => acceptSwap({ actor, input: { id: params.id } }), { permission: "swaps.respond" });
