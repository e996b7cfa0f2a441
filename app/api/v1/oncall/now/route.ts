import { assertCan } from "@/lib/auth/permissions";
import { apiRoute } from "@/lib/http/route";
import { getOnCallNow } from "@/lib/oncall/queries";

export const dynamic = "force-dynamic";

/** Who is on call right now: primary (SRE), secondary (SYSADMIN) and every rotation. */
export const GET = apiRoute(async ({ actor }) => {
  assertCan(actor, "dashboard.read");
  return getOnCallNow(new Date());
});
