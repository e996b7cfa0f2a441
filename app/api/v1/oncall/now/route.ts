import { apiRoute } from "@/lib/http/route";
import { getOnCallNow } from "@/lib/oncall/queries";

export const dynamic = "force-dynamic";

/** Who is on call right now: primary (SRE), secondary (SYSADMIN) and every rotation. */
export const GET = apiRoute(async () => {
  return getOnCallNow(new Date());
});
