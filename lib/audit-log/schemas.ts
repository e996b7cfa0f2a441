import { z } from "@/lib/http/openapi";

/** GET /api/v1/audit query (API.md: filter by entity and entityId; cursor-paginated, newest first). */
export const auditListQuerySchema = z.object({
  limit: z.coerce.number().int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(25),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "cursor must be the nextCursor of a previous page")
    .optional(),
  entity: z.string().trim().min(1).max(64, "entity: at most 64 characters").optional().openapi({ description: "e.g. ChangeRequest, Incident, MaintenanceWindow, User" }),
  entityId: z.string().trim().min(1).max(100, "entityId: at most 100 characters").optional(),
  action: z.string().trim().min(1).max(100, "action: at most 100 characters").optional().openapi({ description: "e.g. change.approved" }),
  verify: z
    .enum(["true", "false"], { error: "verify must be true or false" })
    .optional()
    .transform((v) => v === "true")
    .openapi({ type: "string", enum: ["true", "false"], description: "also recompute the hash chain (the whole log) and return the verdict" }),
});
export type AuditListQuery = z.output<typeof auditListQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: z.string().openapi({ description: "ascending with time; also the cursor" }),
    at: z.string().openapi({ format: "date-time" }),
    actor: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: "the user, or null for the system" }),
    actorLabel: z.string().openapi({ description: "who it was when written (email or system name)" }),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    data: z.record(z.string(), z.unknown()).openapi({ description: "what the action recorded" }),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditEntry");

export const auditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().openapi({ description: "rows recomputed" }),
    firstBadId: z.string().nullable().openapi({ description: "the first row that does not verify" }),
    reason: z.string().nullable(),
  })
  .openapi("AuditVerification");

export const auditListSchema = z
  .object({ data: z.array(auditEntrySchema), nextCursor: z.string().nullable(), verification: auditVerificationSchema.nullable().openapi({ description: "null unless verify=true" }) })
  .openapi("AuditList");
