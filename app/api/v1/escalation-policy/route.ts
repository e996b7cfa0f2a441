import { apiRoute, readJson } from "@/lib/http/route";
import { getEscalationPolicy, saveEscalationPolicy } from "@/lib/oncall/escalation-policy";

export const dynamic = "force-dynamic";

/** The escalation policy in force (any signed-in user may read who gets paged). */
export const GET = apiRoute(async () => getEscalationPolicy());

/** `{policy, version}` (ARCHITECT, `escalation.manage`): replaces the policy; audited. */
export const PUT = apiRoute(async ({ req, actor }) => saveEscalationPolicy({ actor, input: await readJson(req) }), { permission: "escalation.manage" });
