import { z } from "zod";

/** Kinds of contact method (Settings → Notifications). */
export const CONTACT_KINDS = ["email", "slack", "ntfy", "webhook"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  email: "Email",
  slack: "Slack (incoming webhook)",
  ntfy: "Push (ntfy topic URL)",
  webhook: "Generic webhook",
};

const id = z.string({ error: "Required" }).trim().min(1, "Required").max(100, "Too long");

/** A contact method: an email address, or the http(s) URL of a Slack incoming webhook, an ntfy topic or a generic webhook. */
export const createContactMethodSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS, { error: "Choose email, Slack, push (ntfy) or webhook" }),
    label: z.string({ error: "Name it" }).trim().min(1, "Name it").max(80, "At most 80 characters"),
    target: z.string({ error: "Required" }).trim().min(1, "Required").max(2000, "At most 2000 characters"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "email") {
      if (!z.email().safeParse(v.target).success || v.target.length > 254) ctx.addIssue({ code: "custom", path: ["target"], message: "Enter a valid email address" });
    } else if (!z.url({ protocol: /^https?$/ }).safeParse(v.target).success) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "Enter an http:// or https:// URL" });
    }
  });
export type CreateContactMethodInput = z.input<typeof createContactMethodSchema>;

export const contactMethodIdSchema = z.object({ id });

/** "After N minutes of a page, use this method" (0 = immediately), at most a day. */
export const createNotificationRuleSchema = z.object({
  contactMethodId: id,
  delayMinutes: z.coerce.number({ error: "Minutes after the page" }).int("Whole minutes").min(0, "Not negative").max(1440, "At most 1440 minutes (a day)"),
});

export const notificationRuleIdSchema = z.object({ id });

export const MAX_CONTACT_METHODS = 10;
export const MAX_NOTIFICATION_RULES = 20;
