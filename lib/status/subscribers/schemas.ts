import { z } from "zod";

/** Maximum lengths of the subscription fields: the schema below and the public form's maxlength read them (one source). */
export const LIMITS = { email: 254, url: 2000, componentId: 64 } as const;

/** A status page subscription request (POST /status/subscribe). */
export const subscribeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("email"), target: z.email("Enter a valid email address").max(LIMITS.email).transform((s) => s.toLowerCase()), componentIds: z.array(z.string().max(LIMITS.componentId)).max(200).default([]) }),
  z.object({
    kind: z.literal("webhook"),
    target: z
      .url("Enter a valid URL")
      .max(LIMITS.url)
      .refine((u) => /^https?:\/\//i.test(u), "Only http:// and https:// URLs"),
    componentIds: z.array(z.string().max(LIMITS.componentId)).max(200).default([]),
  }),
]);
export type SubscribeInput = z.input<typeof subscribeSchema>;
