import { ROLES } from "@/lib/auth/permissions";
import { z } from "@/lib/http/openapi";
import { SEVERITIES } from "@/lib/incidents/state-machine";

/** The escalation policy document (lib/oncall/policy.ts), shared by the form, PUT /api/v1/oncall/policy and the stored row. */
const severity = z.enum(SEVERITIES, { error: "Choose a severity P1–P4" });

const target = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("role"), role: z.enum(ROLES, { error: "Pick a role" }) }),
  z.object({ kind: z.literal("component_owner") }),
  z.object({
    kind: z.literal("people"),
    userIds: z.array(z.string().trim().min(1).max(64)).max(20, "At most 20 people").default([]),
    emails: z.array(z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "Enter a valid email address" }))).max(20, "At most 20 contacts").default([]),
  }),
]);

const level = z.object({
  label: z.string().trim().min(1, "Give the level a name").max(120, "At most 120 characters"),
  delayMinutes: z.coerce.number({ error: "Minutes after declaration" }).min(0, "Not negative").max(10_080, "At most 7 days"),
  target,
  severities: z.array(severity).max(4).default([]),
});

export const ladderSchema = z
  .object({
    levels: z.array(level).min(1, "Keep at least one level").max(10, "At most 10 levels"),
    repeat: z.coerce.number().int("Whole number").min(0, "Not negative").max(5, "At most 5 repeats").default(0),
    repeatAfterMinutes: z.coerce.number().min(1, "At least 1 minute").max(1440, "At most 24 hours").default(30),
  })
  .superRefine((l, ctx) => {
    l.levels.forEach((lv, i) => {
      if (i > 0 && lv.delayMinutes < l.levels[i - 1].delayMinutes) ctx.addIssue({ code: "custom", path: ["levels", i, "delayMinutes"], message: "A level cannot come before the one above it" });
    });
  });

export const escalationPolicyDocumentSchema = z
  .object({
    ladder: ladderSchema,
    severityOverrides: z.partialRecord(severity, ladderSchema).default({}),
    groupOverrides: z.array(z.object({ group: z.string().trim().min(1, "Name the component group").max(80), ladder: ladderSchema })).max(20).default([]),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.groupOverrides.forEach((g, i) => {
      if (seen.has(g.group)) ctx.addIssue({ code: "custom", path: ["groupOverrides", i, "group"], message: "This group already has an override" });
      seen.add(g.group);
    });
  })
  .openapi("EscalationPolicy");

/** PUT body: the document plus the version read (optimistic concurrency). */
export const saveEscalationPolicySchema = z.object({ policy: escalationPolicyDocumentSchema, version: z.coerce.number().int().min(0) });
export type SaveEscalationPolicyInput = z.infer<typeof saveEscalationPolicySchema>;
