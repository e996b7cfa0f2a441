import { listCabQueue } from "@/lib/changes/cab";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The caller's CAB queue: changes awaiting their approval, by planned start (issue 18). */
export const GET = apiRoute(async ({ actor }) => ({ items: await listCabQueue(actor) }));
