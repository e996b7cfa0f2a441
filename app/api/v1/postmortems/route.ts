import { apiRoute, readQuery } from "@/lib/http/route";
import { listPostmortems } from "@/lib/postmortems/queries";
import { listPostmortemsQuerySchema } from "@/lib/postmortems/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req }) => ({ items: await listPostmortems(readQuery(req, listPostmortemsQuerySchema)) }), { permission: "postmortems.read" });
