import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { COMPONENT_STATUSES } from "@/lib/status/derive-status";

/**
 * One schema per input, shared by the API, the server actions and OpenAPI.
 * `status` is absent on purpose: it is derived from incidents and maintenance
 * (lib/status/derive-status.ts) and can never be set by hand.
 */
/** Maximum lengths of the text fields: the schemas below and the forms' maxLength read them (one source). */
export const LIMITS = {
  name: 80,
  group: 40,
  description: 500,
  iacRepository: 500,
  matcherName: 100,
  matcherValue: 500,
  /** the form's one-matcher-per-line textarea (at most 20 matchers of name + value) */
  alertMatchersText: 12000,
} as const;

const name = z.string().trim().min(1, "Name is required").max(LIMITS.name, `At most ${LIMITS.name} characters`);
const group = z.string().trim().min(1, "Group is required").max(LIMITS.group, `At most ${LIMITS.group} characters`);
const description = z.string().trim().max(LIMITS.description, `At most ${LIMITS.description} characters`);
const ownerRole = z.enum(ROLES, { error: `Owner role must be one of ${ROLES.join(", ")}` });
const isPublic = z.boolean({ error: "public must be true or false" });
const iacManaged = z.boolean({ error: "iacManaged must be true or false" });
const iacRepository = z
  .string()
  .trim()
  .max(LIMITS.iacRepository, `At most ${LIMITS.iacRepository} characters`)
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL" }))
  .nullable();
/**
 * Label matchers that route an alert to this component (lib/alerts/rules.ts;
 * also the silences OpsGate posts to Alertmanager). All must match; a regex is
 * anchored as in Alertmanager and must compile.
 */
export const alertMatcherSchema = z
  .object({
    name: z.string().trim().min(1, "Label name is required").max(LIMITS.matcherName, `At most ${LIMITS.matcherName} characters`).regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "A label name is letters, digits and _ and does not start with a digit"),
    value: z.string().max(LIMITS.matcherValue, `At most ${LIMITS.matcherValue} characters`),
    isRegex: z.boolean({ error: "isRegex must be true or false" }).default(false),
  })
  .superRefine((m, ctx) => {
    if (!m.isRegex) return;
    try {
      new RegExp(`^(?:${m.value})$`);
    } catch {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Not a valid regular expression" });
    }
  });
const alertMatchers = z.array(alertMatcherSchema, { error: "alertMatchers must be a list of {name, value, isRegex}" }).max(20, "At most 20 matchers");
export type AlertMatcher = z.output<typeof alertMatcherSchema>;

const position = z.number({ error: "Position must be a number" }).int("Position must be a whole number").min(0, "Position must be 0 or more").max(10_000, "Position must be at most 10000");

export const createComponentSchema = z.object({
  name,
  group,
  description: description.default(""),
  ownerRole,
  public: isPublic.default(true),
  position: position.default(0),
  iacManaged: iacManaged.default(false),
  iacRepository: iacRepository.optional(),
  alertMatchers: alertMatchers.optional(),
});
export type CreateComponentInput = z.input<typeof createComponentSchema>;

export const updateComponentSchema = z
  .object({ name, group, description, ownerRole, public: isPublic, position, iacManaged, iacRepository, alertMatchers })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Change at least one field" });
export type UpdateComponentInput = z.input<typeof updateComponentSchema>;

/** A component as the API returns it (API.md "Fields"). */
export const componentSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  ownerRole: z.enum(ROLES),
  public: z.boolean(),
  status: z.enum(COMPONENT_STATUSES),
  description: z.string(),
  position: z.number().int(),
  iacManaged: z.boolean(),
  iacRepository: z.string().nullable(),
  alertMatchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean() })),
});
export type ComponentDto = z.infer<typeof componentSchema>;

export const DERIVED_STATUS_MESSAGE = "status is derived from incidents and maintenance windows and cannot be set";

/** Refuses a hand-set `status` loudly instead of silently dropping it. */
export function rejectStatusField(input: unknown) {
  return typeof input === "object" && input !== null && "status" in input ? { status: DERIVED_STATUS_MESSAGE } : null;
}

/**
 * The Components form edits alert matchers as text, one per line, in
 * Alertmanager's matcher syntax: `name=value` (equal) or `name=~regex`.
 * Blank lines are skipped; a line without `=` keeps its text as the name so the
 * schema refuses it with a field message instead of it vanishing.
 */
export type MatcherLine = { name: string; value: string; isRegex: boolean };

export function parseMatcherLines(text: string): MatcherLine[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf("=");
      if (eq < 0) return { name: line, value: "", isRegex: false };
      const isRegex = line[eq + 1] === "~";
      return { name: line.slice(0, eq).trim(), value: line.slice(eq + (isRegex ? 2 : 1)).trim().replace(/^"(.*)"$/, "$1"), isRegex };
    });
}

export function formatMatcherLines(list: { name: string; value: string; isRegex?: boolean }[]): string {
  return list.map((m) => `${m.name}${m.isRegex ? "=~" : "="}${m.value}`).join("\n");
}

/** The first error of any matcher field (`alertMatchers.2.value` → "Line 3: …"), for the one textarea. */
export function matcherFieldError(fields: Record<string, string>): string | undefined {
  const key = Object.keys(fields).find((k) => k === "alertMatchers" || k.startsWith("alertMatchers."));
  if (!key) return undefined;
  const index = /^alertMatchers\.(\d+)/.exec(key)?.[1];
  return index === undefined ? fields[key] : `Line ${Number(index) + 1}: ${fields[key]}`;
}
