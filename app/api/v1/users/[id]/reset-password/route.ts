import { apiRoute } from "@/lib/http/route";
import { resetUserPassword } from "@/lib/users/commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ actor, params }) => resetUserPassword({ actor, input: { id: params.id } }), { permission: "users.manage", status: 201 });
