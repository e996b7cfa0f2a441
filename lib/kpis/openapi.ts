import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { registerPath, z } from "@/lib/http/openapi";
import { PERIOD_PRESETS } from "@/lib/kpis/period";
import { KPI_TABLES, MAX_PERIOD_DAYS } from "@/lib/kpis/schemas";

/*
 * /api/v1/kpis and /api/v1/kpis/costs. The handlers parse with lib/kpis/schemas.ts; those schemas transform
 * strings to dates, so the document states the wire format (strings) with the same enums and limits.
 */
const kpiQuery = z.object({
  period: z.enum(PERIOD_PRESETS).optional().openapi({ description: "A preset period (default 30d); or give from and to" }),
  from: z.string().optional().openapi({ description: `Custom period start (ISO date or date-time, UTC); with to, at most ${MAX_PERIOD_DAYS} days`, example: "2026-11-01" }),
  to: z.string().optional().openapi({ description: "Custom period end (exclusive)", example: "2026-12-01" }),
  componentId: z.string().max(40).optional(),
  group: z.string().max(40).optional().openapi({ description: "Component group" }),
  severity: z.enum(["P1", "P2", "P3", "P4"]).optional(),
  format: z.enum(["json", "csv"]).optional().openapi({ description: "csv needs table" }),
  table: z.enum(KPI_TABLES).optional().openapi({ description: "The table a CSV download holds" }),
});

const costEntry = z.object({
  group: z.string().min(1).max(40),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).openapi({ example: "2026-11" }),
  amount: z.number().min(0).max(1e12).openapi({ description: "In currency units; stored exactly in cents" }),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().openapi({ description: "Default EUR" }),
  note: z.string().max(500).optional(),
});

export function registerOpenApi(registry: OpenAPIRegistry) {
  const CostEntry = registry.register("CostEntryInput", costEntry);
  const json = (description: string) => ({ description, content: { "application/json": { schema: z.object({}).passthrough() } } });
  registerPath(registry, {
    method: "get",
    path: "/kpis",
    tags: ["KPIs"],
    summary: "The KPI report for a period (kpis.read): availability, response times, change success, detection, IaC, cost; or one table as CSV",
    request: { query: kpiQuery },
    responses: {
      200: { description: "The report (JSON), or with format=csv the chosen table", content: { "application/json": { schema: z.object({}).passthrough() }, "text/csv": { schema: z.string() } } },
    },
  });
  registerPath(registry, {
    method: "get",
    path: "/kpis/costs",
    tags: ["KPIs"],
    summary: "Monthly costs per component group (kpis.read)",
    request: { query: z.object({ group: z.string().max(40).optional() }) },
    responses: { 200: json("The cost entries") },
  });
  registerPath(registry, {
    method: "post",
    path: "/kpis/costs",
    tags: ["KPIs"],
    summary: "Record monthly costs (costs.manage, ARCHITECT): one entry or {entries: [...]} (at most 500); the same group and month again replaces it",
    request: { body: { required: true, content: { "application/json": { schema: z.union([CostEntry, z.object({ entries: z.array(CostEntry).min(1).max(500) })]) } } } },
    responses: { 201: json("The recorded entries") },
  });
}
