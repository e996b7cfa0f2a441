import { apiRoute } from "@/lib/http/route";
import { declineSwap } from "@/lib/oncall/swaps";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ actor, params }) => declineSwap({ actor, input: { id: params.id } }), { permission: "swaps.respond" });
