import { apiRoute } from "@/lib/http/route";
import { acknowledgeHandoff } from "@/lib/oncall/handoffs";

export const dynamic = "force-dynamic";

/** The incoming on-call only; a repeat is not an error (the first acknowledgement stands). */
export const POST = apiRoute(async ({ actor, params }) => acknowledgeHandoff({ actor, input: { id: params.id } }), { permission: "handoffs.acknowledge" });
