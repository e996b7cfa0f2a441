import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { paginationSchema } from "@/lib/http/pagination";
import { listOf, registerPath, z } from "@/lib/http/openapi";
import { handoffPacketSchema, listSwapsQuerySchema, proposeSwapSchema, swapSchema } from "@/lib/oncall/schemas";

/** Issue 13's rotation side: shift swaps (and, below, rotation deletion and handoff packets), from the schemas the handlers parse with. */
export function registerOpenApi(registry: OpenAPIRegistry) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
  const idParam = (what: string) => z.object({ id: z.string().openapi({ description: `${what} id` }) });

  registerPath(registry, {
    method: "get",
    path: "/swaps",
    tags: ["On-call"],
    summary: "List shift swaps, newest first; `mine=true`: those the caller proposed or received",
    request: { query: paginationSchema.extend(listSwapsQuerySchema.shape).extend({ mine: z.enum(["true", "false"]).optional() }) },
    responses: { 200: json(listOf(swapSchema), "A page of swaps") },
  });
  registerPath(registry, {
    method: "post",
    path: "/swaps",
    tags: ["On-call"],
    summary:
      "Propose a shift swap: offer your own [startsAt, endsAt) of a rotation to another engineer, optionally taking their [returnStartsAt, returnEndsAt) in exchange. The interval must be yours by the schedule (400 naming the field otherwise).",
    request: { body: { required: true, content: { "application/json": { schema: proposeSwapSchema } } } },
    responses: { 201: json(swapSchema, "The pending swap; the recipient is notified") },
  });
  for (const [verb, summary] of [
    ["accept", "The recipient accepts: overrides are written (the given interval to the recipient, the exchanged one to the proposer). 409 when the swap is no longer pending, the shift is over or the schedule changed."],
    ["decline", "The recipient declines (409 when the swap is no longer pending)"],
    ["cancel", "The proposer (or ARCHITECT) withdraws a pending swap"],
  ] as const)
    registerPath(registry, {
      method: "post",
      path: `/swaps/{id}/${verb}`,
      tags: ["On-call"],
      summary,
      request: { params: idParam("Swap") },
      responses: { 200: json(swapSchema, "The swap") },
    });
  registerPath(registry, {
    method: "delete",
    path: "/rotations/{id}",
    tags: ["On-call"],
    summary:
      "Delete a rotation with its members, overrides and swaps (ARCHITECT; audited; its calendar feeds are revoked). 422 gate_blocked when it is the primary rotation and no other rotation of that role would cover level 1 without new gaps.",
    request: { params: idParam("Rotation") },
    responses: { 200: json(z.object({ id: z.string() }), "Deleted") },
  });
  registerPath(registry, {
    method: "get",
    path: "/handoffs",
    tags: ["On-call"],
    summary: "Handoff packets, newest handoff first (`mine=true`: those the caller received or handed over). Written by the handoffs job when a scheduled handoff passes.",
    request: { query: paginationSchema.extend({ rotationId: z.string().optional(), mine: z.enum(["true", "false"]).optional() }) },
    responses: { 200: json(listOf(handoffPacketSchema), "A page of packets") },
  });
  registerPath(registry, {
    method: "post",
    path: "/handoffs/{id}/acknowledge",
    tags: ["On-call"],
    summary: "The incoming on-call acknowledges their packet (403 for anyone else; a repeat keeps the first acknowledgement). Unacknowledged 30 min after the handoff, the outgoing person is notified.",
    request: { params: idParam("Handoff packet") },
    responses: { 200: json(handoffPacketSchema, "The packet") },
  });
}
