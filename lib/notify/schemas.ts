import { z } from "zod";
import { paginationSchema } from "@/lib/http/pagination";

/** Booleans from JSON (true/false) or HTML forms ("true"/"false"/"on"). */
const formBool = z.union([z.boolean(), z.enum(["true", "false", "on"]).transform((v) => v !== "false")]);
/** Maximum lengths of the text fields: the schemas below and the forms' maxLength read them (one source). */
export const LIMITS = { name: 100, url: 2000 } as const;

const id = z.string({ error: "Required" }).trim().min(1, "Required").max(100, "Too long");

export const WEBHOOK_FORMATS = ["generic", "slack"] as const;
export type WebhookFormatValue = (typeof WEBHOOK_FORMATS)[number];

export const createWebhookEndpointSchema = z.object({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(LIMITS.name, `At most ${LIMITS.name} characters`),
  url: z
    .string({ error: "URL is required" })
    .trim()
    .max(LIMITS.url, `At most ${LIMITS.url} characters`)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL" })),
  format: z.enum(WEBHOOK_FORMATS, { error: "Choose generic JSON or Slack" }).default("generic"),
  active: formBool.default(true),
});
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointSchema>;

export const webhookEndpointIdSchema = z.object({ id });
export const setWebhookEndpointActiveSchema = z.object({ id, active: formBool });

export const markNotificationsReadSchema = z.object({
  /** only these notifications (of the caller); all unread ones when omitted */
  ids: z.array(id).max(500, "At most 500 ids").optional(),
});
export type MarkNotificationsReadInput = z.input<typeof markNotificationsReadSchema>;

export const listNotificationsQuerySchema = paginationSchema.extend({
  unread: z.enum(["true", "false"], { error: "unread must be true or false" }).optional(),
});

export const retryDeliverySchema = z.object({ id });

export const DELIVERY_FILTERS = ["failed", "pending", "delivered", "all"] as const;
export type DeliveryFilter = (typeof DELIVERY_FILTERS)[number];
