import { apiRoute, readJson } from "@/lib/http/route";
import { inviteUser, listUsers } from "@/lib/users/commands";

export const dynamic = "force-dynamic";

/** ARCHITECT: every person (system users hidden) with role, status and last sign-in. */
export const GET = apiRoute(async ({ actor }) => ({ data: await listUsers(actor) }), { permission: "users.manage" });

/** ARCHITECT: invite by email; the set-password link is in the answer when no SMTP is configured. */
export const POST = apiRoute(async ({ req, actor }) => inviteUser({ actor, input: await readJson(req) }), { permission: "users.manage", status: 201 });
