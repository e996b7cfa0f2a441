import { createChange } from "@/lib/changes/create-change";
import { listChanges, toChangeDto } from "@/lib/changes/queries";
import { apiRoute, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req, actor }) => {
  const { data, nextCursor } = await listChanges(actor, Object.fromEntries(new URL(req.url).searchParams));
  return { data, nextCursor };
});

export const POST = apiRoute(async ({ req, actor }) => toChangeDto(await createChange({ actor, input: await readJson(req) }), actor), { permission: "changes.create", status: 201 });
