/**
 * One zod schema per incident input, shared by the forms (server actions)
 * and /api/v1/incidents. Form values arrive as strings ("on" for checkboxes,
 * "" for empty fields); API clients send JSON. Both parse here.
 */
import { z } from "zod";
import { COMPONENT_STATUSES } from "@/lib/status/derive-status";
import { INCIDENT_STATUSES, OPEN_STATUSES, SEVERITIES } from "./state-machine";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A UTC instant: ISO 8601 with offset, or `YYYY-MM-DDTHH:mm` from a datetime-local input (read as UTC, as every time in OpsGate). */
export const utcInstant = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const s = v.trim();
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(s)) return new Date(`${s}Z`);
    return s ? new Date(s) : s;
  },
  z.date({ message: "Enter a date and time (UTC)" }).refine((d) => !Number.isNaN(d.getTime()), "Enter a valid date and time (UTC)"),
);

const checkbox = (def: boolean) =>
  z.preprocess((v) => {
    if (v === undefined || v === null || v === "") return def;
    if (v === "on" || v === "true" || v === "1") return true;
    if (v === "false" || v === "0" || v === "off") return false;
    return v;
  }, z.boolean({ message: "Must be true or false" }));

const idList = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
  z.array(z.string().min(1).max(100)).min(1, "Choose at least one affected component").max(50, "At most 50 components"),
);

/** Maximum lengths of the text fields: the schemas below and the forms' maxLength read them (one source). */
export const LIMITS = { title: 200, text: 4000, resolution: 8000, search: 200 } as const;

const text = (label: string, max: number) => z.string({ message: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `At most ${max} characters`);

export const severitySchema = z.enum(SEVERITIES, { message: "Choose a severity P1–P4" });
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES, { message: "Unknown status" });
export const componentStatusSchema = z.enum(COMPONENT_STATUSES, { message: "Unknown component status" });

export const declareIncidentSchema = z
  .object({
    title: text("INCIDENT (a brief description)", LIMITS.title),
    severity: severitySchema,
    impact: text("IMPACT", LIMITS.text),
    componentIds: idList,
    currentAction: text("CURRENT_ACTION", LIMITS.text),
    eta: z.preprocess(blankToUndefined, utcInstant.optional()),
    commanderId: z.preprocess(blankToUndefined, z.string().min(1).max(100).optional()),
    /** when the alert that prompted it started (detection-time KPI), optional */
    alertStartedAt: z.preprocess(blankToUndefined, utcInstant.optional()),
    /** the first timeline entry; defaults to a sentence built from the template */
    message: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.text, `At most ${LIMITS.text} characters`).optional()),
    /** publish the first update on the status page */
    public: checkbox(true),
  });
export type DeclareIncidentInput = z.input<typeof declareIncidentSchema>;

/** Every change of status, impact, current action or ETA is an update; `message` is the note on the timeline. */
export const postIncidentUpdateSchema = z
  .object({
    status: z.preprocess(blankToUndefined, z.enum(OPEN_STATUSES, { message: "Choose Investigating, Identified or Fixing (resolve with Document & Close)" }).optional()),
    severity: z.preprocess(blankToUndefined, severitySchema.optional()),
    impact: z.preprocess(blankToUndefined, text("IMPACT", LIMITS.text).optional()),
    currentAction: z.preprocess(blankToUndefined, text("CURRENT_ACTION", LIMITS.text).optional()),
    /** a new ETA; `null` clears it; absent or "" leaves it unchanged */
    eta: z.preprocess(blankToUndefined, utcInstant.nullable().optional()),
    /** overrides the status the severity implies for the affected components */
    componentStatus: z.preprocess(blankToUndefined, componentStatusSchema.optional()),
    message: text("A message", LIMITS.text),
    public: checkbox(false),
    /** optimistic concurrency: the version the client saw (optional) */
    version: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  });
export type PostIncidentUpdateInput = z.input<typeof postIncidentUpdateSchema>;

export const acknowledgeIncidentSchema = z.object({}).passthrough();

export const resolveIncidentSchema = z
  .object({
    resolution: text("A resolution note", LIMITS.resolution),
    /** publish the resolution on the status page (default yes) */
    public: checkbox(true),
    version: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  });
export type ResolveIncidentInput = z.input<typeof resolveIncidentSchema>;

export const reopenIncidentSchema = z
  .object({
    reason: text("A reason for reopening", LIMITS.text),
    public: checkbox(false),
    version: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  });
export type ReopenIncidentInput = z.input<typeof reopenIncidentSchema>;

/** A comma list of enum values (`?severity=P1,P2`); a bad value names the parameter, not its index. */
const csv = <const T extends readonly string[]>(values: T, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() ? v.split(",").map((x) => x.trim()).filter(Boolean) : undefined) : v),
    z
      .array(z.string())
      .refine((arr) => arr.every((x) => values.includes(x)), message)
      .transform((arr) => arr as T[number][])
      .optional(),
  );

/** `GET /api/v1/incidents` and the list page: filters (each may be a comma list) and search. */
export const listIncidentsQuerySchema = z.object({
  status: csv([...INCIDENT_STATUSES, "open"] as const, "status must be open, Investigating, Identified, Fixing or Resolved"),
  severity: csv(SEVERITIES, "severity must be P1, P2, P3 or P4"),
  component: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  commander: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(LIMITS.search).optional()),
});
export type ListIncidentsQuery = z.output<typeof listIncidentsQuerySchema>;
