import { z } from "zod";

/** A status page subscription request (POST /status/subscribe). */
export const subscribeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("email"), target: z.email("Enter a valid email address").max(254).transform((s) => s.toLowerCase()), componentIds: z.array(z.string().max(64)).max(200).default([]) }),
  z.object({
    kind: z.literal("webhook"),
    target: z
      .url("Enter a valid URL")
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), "Only http:// and https:// URLs"),
    componentIds: z.array(z.string().max(64)).max(200).default([]),
  }),
]);
export type SubscribeInput = z.input<typeof subscribeSchema>;
