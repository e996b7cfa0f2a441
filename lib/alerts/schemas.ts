import { z } from "zod";
import { SEVERITY_VALUES } from "./rules";

export const INTEGRATION_KINDS = ["alertmanager", "grafana", "pagerduty", "generic", "heartbeat"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

const componentIds = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
  z.array(z.string().min(1).max(100)).min(1, "Choose at least one default component").max(50, "At most 50 components"),
);
/** Maximum lengths of the text fields: the schemas below and the forms' maxLength read them (one source). */
export const LIMITS = {
  name: 100,
  severityKey: 50,
  /** the form's "page=P1, minor=P4" text, parsed into the severity map (at most 30 entries) */
  severityMapText: 1000,
} as const;

const severityMap = z
  .record(z.string().trim().toLowerCase().min(1).max(LIMITS.severityKey, `At most ${LIMITS.severityKey} characters`), z.enum(SEVERITY_VALUES as [string, ...string[]], { message: "Map to P1, P2, P3 or P4" }))
  .refine((m) => Object.keys(m).length <= 30, "At most 30 entries");
const checkbox = z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" || v === "" || v === undefined ? undefined : v), z.boolean({ message: "Must be true or false" }).optional());
const interval = z.coerce.number({ message: "Enter a number of seconds" }).int("Whole seconds").min(30, "At least 30 seconds").max(7 * 86400, "At most 7 days");

export const createIntegrationSchema = z
  .object({
    name: z.string({ message: "Name is required" }).trim().min(1, "Name is required").max(LIMITS.name, `At most ${LIMITS.name} characters`),
    kind: z.enum(INTEGRATION_KINDS, { message: "Choose alertmanager, grafana, pagerduty, generic or heartbeat" }),
    defaultComponentIds: componentIds,
    severityMap: severityMap.optional().default({}),
    autoResolve: checkbox.default(true),
    heartbeatIntervalSec: z.preprocess((v) => (v === "" || v === null ? undefined : v), interval.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "heartbeat" && v.heartbeatIntervalSec === undefined) ctx.addIssue({ code: "custom", path: ["heartbeatIntervalSec"], message: "A heartbeat needs an interval" });
    if (v.kind !== "heartbeat" && v.heartbeatIntervalSec !== undefined) ctx.addIssue({ code: "custom", path: ["heartbeatIntervalSec"], message: "Only heartbeat integrations have an interval" });
  });
export type CreateIntegrationInput = z.input<typeof createIntegrationSchema>;

export const updateIntegrationSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(LIMITS.name, `At most ${LIMITS.name} characters`).optional(),
  defaultComponentIds: componentIds.optional(),
  severityMap: severityMap.optional(),
  autoResolve: checkbox,
  heartbeatIntervalSec: interval.optional(),
  version: z.coerce.number().int().min(1).optional(),
});
export type UpdateIntegrationInput = z.input<typeof updateIntegrationSchema>;
