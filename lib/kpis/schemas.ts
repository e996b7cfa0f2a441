import { z } from "zod";
import { DAY_MS, PERIOD_PRESETS } from "@/lib/kpis/period";

const isoDate = (field: string) =>
  z
    .string()
    .max(40, "At most 40 characters")
    .pipe(z.coerce.date({ error: `${field} must be an ISO date such as 2026-11-01 or 2026-11-01T00:00:00Z` }));

export const KPI_TABLES = ["summary", "availability", "groups", "response", "changes", "change_types", "detection", "iac", "cost", "weekly"] as const;
export type KpiTable = (typeof KPI_TABLES)[number];
export const MAX_PERIOD_DAYS = 1200;
/** The cost form's amount text (a number up to 1e12 with cents fits); the schema bounds the number itself. */
export const LIMITS = { amountText: 20, note: 500 } as const;

/** `GET /api/v1/kpis` and the /kpis page: a preset (default 30d) or a custom from/to, plus filters. */
export const kpiQuerySchema = z
  .object({
    period: z.enum(PERIOD_PRESETS, { error: `period must be one of ${PERIOD_PRESETS.join(", ")}` }).optional(),
    from: isoDate("from").optional(),
    to: isoDate("to").optional(),
    componentId: z.string().trim().min(1).max(40, "At most 40 characters").optional(),
    group: z.string().trim().min(1).max(40, "At most 40 characters").optional(),
    severity: z.enum(["P1", "P2", "P3", "P4"], { error: "severity must be P1, P2, P3 or P4" }).optional(),
    format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
    table: z.enum(KPI_TABLES, { error: `table must be one of ${KPI_TABLES.join(", ")}` }).optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.from === undefined) !== (q.to === undefined)) ctx.addIssue({ code: "custom", path: [q.from ? "to" : "from"], message: "Give both from and to for a custom period" });
    if (q.from && q.to && q.from.getTime() >= q.to.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_PERIOD_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["from"], message: `A period is at most ${MAX_PERIOD_DAYS} days` });
    if (q.format === "csv" && !q.table) ctx.addIssue({ code: "custom", path: ["table"], message: "Choose the table to download" });
  });
export type KpiQuery = z.output<typeof kpiQuerySchema>;

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must look like 2026-11")
  .transform((s) => new Date(`${s}-01T00:00:00Z`));

/** One monthly cost of a component group; posting the same group and month again replaces it. */
export const costEntrySchema = z.object({
  group: z.string().trim().min(1, "Group is required").max(40, "At most 40 characters"),
  month,
  amount: z.number({ error: "amount must be a number" }).min(0, "amount must be 0 or more").max(1e12, "amount is too large"),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, "currency must be a three-letter code such as EUR").default("EUR"),
  note: z.string().trim().max(500, "At most 500 characters").default(""),
});
export const costBatchSchema = z.object({ entries: z.array(costEntrySchema).min(1, "Give at least one entry").max(500, "At most 500 entries at once") });
export const costEntriesSchema = z.union([costEntrySchema, costBatchSchema]);
export type CostEntryInput = z.input<typeof costEntrySchema>;

export const costListSchema = z.object({
  group: z.string().trim().min(1).max(40, "At most 40 characters").optional(),
});
