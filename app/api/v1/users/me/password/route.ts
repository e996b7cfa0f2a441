import { apiRoute, readJson } from "@/lib/http/route";
import { changeOwnPassword } from "@/lib/users/commands";

export const dynamic = "force-dynamic";

/** Anyone: `{ currentPassword, newPassword }`; ends one's other sessions. */
export const POST = apiRoute(async ({ req, actor }) => changeOwnPassword({ actor, input: await readJson(req) }));
