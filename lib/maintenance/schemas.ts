import { z } from "@/lib/http/openapi";
import { MAINTENANCE_PHASES, MAINTENANCE_TYPES, parseUtcDateTime, ROLLBACK_VALUES, windowRuleErrors } from "@/lib/maintenance/window";

/** Shared by the form (server action), the API and OpenAPI. Times are UTC (SPEC.md §4). */
/** Maximum lengths of the text fields: the schemas below and the forms' maxLength read them (one source). */
export const LIMITS = { title: 160, impact: 2000, contact: 200 } as const;

const utcDateTime = (label: string) =>
  z.union([z.string(), z.date()], { error: `Enter the ${label} (UTC)` }).transform((v, ctx) => {
    const d = v instanceof Date ? v : parseUtcDateTime(v);
    if (!d || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label} as a date and time in UTC` });
      return z.NEVER;
    }
    return d;
  });

const ids = (message: string) =>
  z
    .array(z.string().trim().min(1).max(100), { error: message })
    .max(50, "At most 50")
    .transform((xs) => [...new Set(xs)]);

const fields = {
  title: z.string({ error: "Give the window a title" }).trim().min(3, "At least 3 characters").max(LIMITS.title, `At most ${LIMITS.title} characters`),
  windowStart: utcDateTime("start").openapi({ type: "string", format: "date-time", example: "2026-12-01T02:00:00Z" }),
  windowEnd: utcDateTime("end").openapi({ type: "string", format: "date-time", example: "2026-12-01T04:00:00Z" }),
  componentIds: ids("Choose the affected components").pipe(z.array(z.string()).min(1, "Choose at least one affected component")),
  type: z.enum(MAINTENANCE_TYPES, { error: "Choose Patching, Upgrade or Migration" }),
  impact: z.string({ error: "Describe the expected impact" }).trim().min(3, "Describe the expected impact").max(LIMITS.impact, `At most ${LIMITS.impact} characters`),
  rollback: z.enum(ROLLBACK_VALUES, { error: "Choose Available or Not Available" }),
  contact: z.string().trim().max(LIMITS.contact, `At most ${LIMITS.contact} characters`),
  changeIds: ids("Change ids must be a list"),
};

/** The window rule (end after start) is attached once here and, for partial edits, applied to the merged window by the command. */
function endAfterStart(v: { windowStart?: Date; windowEnd?: Date }, ctx: z.RefinementCtx) {
  if (!v.windowStart || !v.windowEnd) return;
  const errors = windowRuleErrors({ windowStart: v.windowStart, windowEnd: v.windowEnd });
  for (const [path, message] of Object.entries(errors ?? {})) ctx.addIssue({ code: "custom", path: [path], message });
}

export const createMaintenanceSchema = z
  .object({
    ...fields,
    /** empty → the on-call team (see defaultContact) */
    contact: fields.contact.optional(),
    changeIds: fields.changeIds.optional(),
  })
  .superRefine(endAfterStart)
  .openapi("MaintenanceCreate");
export type CreateMaintenanceInput = z.input<typeof createMaintenanceSchema>;

export const updateMaintenanceSchema = z
  .object({
    version: z.coerce.number({ error: "version is required" }).int("version must be a whole number").min(1, "version is required"),
    title: fields.title.optional(),
    windowStart: fields.windowStart.optional(),
    windowEnd: fields.windowEnd.optional(),
    componentIds: fields.componentIds.optional(),
    type: fields.type.optional(),
    impact: fields.impact.optional(),
    rollback: fields.rollback.optional(),
    /** empty → the on-call team again */
    contact: fields.contact.optional(),
    changeIds: fields.changeIds.optional(),
  })
  .superRefine(endAfterStart)
  .openapi("MaintenanceUpdate");
export type UpdateMaintenanceInput = z.input<typeof updateMaintenanceSchema>;

export const cancelMaintenanceSchema = z
  .object({
    version: z.coerce.number({ error: "version is required" }).int("version must be a whole number").min(1, "version is required"),
    reason: z.string({ error: "Say why the window is cancelled" }).trim().min(3, "Say why the window is cancelled (at least 3 characters)").max(500, "At most 500 characters"),
  })
  .openapi("MaintenanceCancel");
export type CancelMaintenanceInput = z.input<typeof cancelMaintenanceSchema>;

export const idSchema = z.object({ id: z.string().trim().min(1, "id is required").max(100) });

export const MAINTENANCE_FILTERS = ["upcoming", "active", "past"] as const;
export type MaintenanceFilter = (typeof MAINTENANCE_FILTERS)[number];
export const maintenanceListQuerySchema = z.object({
  phase: z.enum(MAINTENANCE_FILTERS, { error: "phase must be upcoming, active or past" }).optional(),
  component: z.string().trim().min(1).max(100).optional(),
});

/** What GET /api/v1/maintenance/{id} returns (documentation only; the handler returns toMaintenanceDto). */
const conflictSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  windowStart: z.string().openapi({ format: "date-time" }),
  windowEnd: z.string().openapi({ format: "date-time" }),
  sharedComponentIds: z.array(z.string()),
});
export const maintenanceSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    windowStart: z.string().openapi({ format: "date-time" }),
    windowEnd: z.string().openapi({ format: "date-time" }),
    componentIds: z.array(z.string()),
    components: z.array(z.object({ id: z.string(), name: z.string() })),
    type: z.enum(MAINTENANCE_TYPES),
    impact: z.string(),
    rollback: z.enum(ROLLBACK_VALUES),
    contact: z.string(),
    changeIds: z.array(z.string()),
    changes: z.array(z.object({ id: z.string(), number: z.number().int(), description: z.string(), status: z.string() })),
    phase: z.enum(MAINTENANCE_PHASES),
    notifiedAt: z.string().nullable().openapi({ format: "date-time", description: "when the notification was last sent (null: never); what marks linked changes \"Stakeholders notified\"" }),
    noticeChangedAt: z.string().nullable().openapi({ format: "date-time", description: "set when the window was edited after notifying in a way the notice shows; the next notify sends a Rescheduled notice" }),
    notification: z.enum(["not_sent", "sent", "needs_renotify"]),
    notice: z.string().openapi({ description: "the Maintenance Notification block the next (or last) notice shows (with REASON once cancelled)" }),
    cancelledAt: z.string().nullable().openapi({ format: "date-time", description: "when the window was cancelled (null: not cancelled)" }),
    cancelReason: z.string().nullable().openapi({ description: "why it was cancelled" }),
    conflicts: z.array(conflictSchema),
    version: z.number().int(),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Maintenance");

export const notifyResultSchema = z
  .object({
    sent: z.boolean().openapi({ description: "false when the current content was already notified (idempotent)" }),
    kind: z.enum(["Scheduled", "Rescheduled"]).nullable(),
    recipients: z.number().int(),
    window: maintenanceSchema,
  })
  .openapi("MaintenanceNotifyResult");
