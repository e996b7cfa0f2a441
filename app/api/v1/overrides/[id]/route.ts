import { apiRoute } from "@/lib/http/route";
import { deleteOverride } from "@/lib/oncall/overrides";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(async ({ actor, params }) => deleteOverride({ actor, input: { id: params.id } }), { permission: "overrides.delete" });
