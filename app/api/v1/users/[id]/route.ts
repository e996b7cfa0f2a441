import { z } from "zod";
import { apiRoute, readJson } from "@/lib/http/route";
import { changeUserRole, setUserActive } from "@/lib/users/commands";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

const patchSchema = z.object({ role: z.string().max(32).optional(), active: z.boolean("active must be true or false").optional() }).strict();

/** ARCHITECT: `{ role }` and/or `{ active }`; the last active ARCHITECT is never demoted or deactivated (409). */
export const PATCH = apiRoute(
  async ({ req, actor, params }) => {
    const body = parseInput(patchSchema, await readJson(req));
    let user: unknown;
    if (body.role !== undefined) user = await changeUserRole({ actor, input: { id: params.id, role: body.role } });
    if (body.active !== undefined) user = await setUserActive({ actor, input: { id: params.id, active: body.active } });
    return user ?? (await changeUserRole({ actor, input: { id: params.id } }));
  },
  { permission: "users.manage" },
);
