import { approveChange } from "@/lib/changes/approve-change";
import { asObject } from "@/lib/changes/load";
import { toChangeDto } from "@/lib/changes/queries";
import { rejectChange } from "@/lib/changes/reject-change";
import { decideChangeSchema } from "@/lib/changes/schemas";
import { apiRoute, readJson } from "@/lib/http/route";
import { parseInput, requireVersion } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, actor, params }) => {
  const input = { ...asObject(await readJson(req)), id: params.id };
  requireVersion(input);
  const { decision } = parseInput(decideChangeSchema, input);
  const change = decision === "approve" ? await approveChange({ actor, input }) : await rejectChange({ actor, input });
  return toChangeDto(change, actor);
}, { permission: "changes.approve", status: 201 });
