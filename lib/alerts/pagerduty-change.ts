import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { authenticateIngest, parsePayload, readAlertBody } from "./http";

/** PagerDuty Change Events (`POST /v2/change/enqueue`): what a deploy tool reports. */
export const pagerDutyChangeSchema = z.object({
  routing_key: z.string().min(1).max(200),
  payload: z.object({
    summary: z.string().trim().min(1, "summary is required").max(1024),
    source: z.string().trim().max(255).optional(),
    timestamp: z.string().datetime({ offset: true }).optional(),
    custom_details: z.record(z.string(), z.unknown()).optional(),
  }),
  links: z.array(z.object({ href: z.string().url().max(2000), text: z.string().max(500).optional() })).max(10).optional(),
});

/** "CR-12", "12" or 12 in custom_details.change / change_number / change_id → a change number or id. */
function changeRef(details: Record<string, unknown> | undefined): { number?: number; id?: string } {
  const v = details?.change_number ?? details?.change ?? details?.change_id;
  if (typeof v === "number" && Number.isInteger(v)) return { number: v };
  if (typeof v !== "string") return {};
  const m = /^(?:CR-?)?(\d{1,9})$/i.exec(v.trim());
  return m ? { number: Number(m[1]) } : { id: v.trim().slice(0, 100) };
}

/**
 * Records a PagerDuty Change Event as a `DeployRecord` (source "pagerduty"),
 * linked to the change its custom_details name (change_number / change /
 * change_id), else to the component named by `payload.source` or the
 * integration's first default component, so it shows among an incident's
 * suspect changes. Audited as the integration.
 */
export async function receivePagerDutyChange(req: Request, now = new Date()) {
  const raw = await readAlertBody(req);
  const routingKey = typeof raw === "object" && raw && "routing_key" in raw && typeof raw.routing_key === "string" ? raw.routing_key : null;
  const integration = await authenticateIngest(routingKey, "pagerduty", now);
  const body = parsePayload(pagerDutyChangeSchema, raw);
  const ref = changeRef(body.payload.custom_details);
  const change = ref.number || ref.id ? await db.changeRequest.findFirst({ where: ref.number ? { number: ref.number } : { id: ref.id }, select: { id: true, componentId: true } }) : null;
  const bySource = !change && body.payload.source ? await db.component.findFirst({ where: { name: { equals: body.payload.source, mode: "insensitive" } }, select: { id: true } }) : null;
  const componentId = change?.componentId ?? bySource?.id ?? integration.defaultComponentIds[0] ?? null;
  const at = body.payload.timestamp ? new Date(body.payload.timestamp) : now;
  return db.$transaction(async (tx) => {
    const record = await tx.deployRecord.create({
      data: { changeId: change?.id ?? null, componentId, source: "pagerduty", event: "change", summary: body.payload.summary, pipelineUrl: body.links?.[0]?.href ?? null, commit: null, at },
      select: { id: true },
    });
    await audit(tx, { actor: { system: `integration:${integration.name}` }, action: "deploy.recorded", entity: "DeployRecord", entityId: record.id, at: now, data: { source: "pagerduty", changeId: change?.id ?? null, componentId, summary: body.payload.summary } });
    return record;
  });
}
