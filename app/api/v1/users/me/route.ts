import { apiRoute, readJson } from "@/lib/http/route";
import { updateOwnProfile } from "@/lib/users/commands";

export const dynamic = "force-dynamic";

/** Anyone: change one's own name. */
export const PATCH = apiRoute(async ({ req, actor }) => updateOwnProfile({ actor, input: await readJson(req) }));
