import { apiRoute } from "@/lib/http/route";
import { getEscalationPreview } from "@/lib/oncall/queries";

export const dynamic = "force-dynamic";

/** `?componentId=&at=`: who would be paged at +0/+15/+30/+60 for an incident declared at `at`. */
export const GET = apiRoute(async ({ req }) => {
  return getEscalationPreview(Object.fromEntries(new URL(req.url).searchParams));
});
