import { SEVERITIES } from "@/lib/incidents/state-machine";
import { z } from "@/lib/http/openapi";
import { can, ROLES } from "@/lib/auth/permissions";
import { isTimeZone } from "@/lib/oncall/schedule";

/** One zod schema per input, shared by forms, route handlers and OpenAPI. */
/** Maximum lengths of the text fields: the schemas below and the forms' maxLength read them (one source). */
export const LIMITS = { rotationName: 80, timeZone: 64, overrideReason: 200 } as const;

const id = (what: string) => z.string().trim().min(1, `${what} is required`).max(64);
const instant = (label: string) => z.coerce.date({ error: `${label} must be a date and time` });

export const roleSchema = z.enum(ROLES, { error: "Pick a role" });

/** "HH:MM" (UTC) from a form, or minutes after midnight UTC from the API. */
export const handoffSchema = z.union([
  z.number().int().min(0, "Between 00:00 and 23:59").max(1439, "Between 00:00 and 23:59"),
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM")
    .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))),
]);

const rotationFields = {
  name: z.string().trim().min(1, "Give the rotation a name").max(LIMITS.rotationName, `At most ${LIMITS.rotationName} characters`),
  role: roleSchema.refine((r) => can(r, "oncall.serve"), "Viewers are never on call"),
  /** shift length in minutes (default one day) */
  shiftMinutes: z.coerce.number().int("Whole minutes").min(15, "At least 15 minutes").max(20_160, "At most 14 days"),
  /** handoff time of day, minutes after 00:00 UTC (default 540 = 09:00) */
  handoffMinuteUtc: handoffSchema,
  /** IANA time zone of the handoff time (default UTC); whole-day shifts start at that wall-clock time across DST changes */
  timeZone: z.string().trim().min(1, "Pick a time zone").max(LIMITS.timeZone, `At most ${LIMITS.timeZone} characters`).refine(isTimeZone, "Unknown time zone (use an IANA name such as Europe/Berlin)"),
  /** the date the member at position 0 starts (its time of day is replaced by the handoff time) */
  anchorAt: instant("Start date"),
  /** members in rotation order */
  memberIds: z.array(id("Member")).min(1, "Add at least one member").max(50, "At most 50 members"),
};

export const createRotationSchema = z
  .object({
    ...rotationFields,
    shiftMinutes: rotationFields.shiftMinutes.default(1440),
    handoffMinuteUtc: rotationFields.handoffMinuteUtc.default(540),
    timeZone: rotationFields.timeZone.default("UTC"),
  })
  .openapi("CreateRotation");
export type CreateRotationInput = z.input<typeof createRotationSchema>;

export const updateRotationSchema = z
  .object({
    name: rotationFields.name.optional(),
    role: rotationFields.role.optional(),
    shiftMinutes: rotationFields.shiftMinutes.optional(),
    handoffMinuteUtc: rotationFields.handoffMinuteUtc.optional(),
    timeZone: rotationFields.timeZone.optional(),
    anchorAt: rotationFields.anchorAt.optional(),
    memberIds: rotationFields.memberIds.optional(),
  })
  .openapi("UpdateRotation");
export type UpdateRotationInput = z.input<typeof updateRotationSchema>;

export const createOverrideSchema = z
  .object({
    rotationId: id("Rotation"),
    /** who covers; defaults to the caller (only ARCHITECT may name someone else) */
    userId: id("User").optional(),
    startsAt: instant("Start"),
    endsAt: instant("End"),
    reason: z.string().trim().max(LIMITS.overrideReason, `At most ${LIMITS.overrideReason} characters`).default(""),
  })
  .refine((o) => o.endsAt.getTime() > o.startsAt.getTime(), { path: ["endsAt"], message: "The end must be after the start" })
  .openapi("CreateOverride");
export type CreateOverrideInput = z.input<typeof createOverrideSchema>;

export const listOverridesQuerySchema = z.object({
  rotationId: z.string().min(1).optional(),
  /** only overrides ending after this instant (default: now) */
  from: instant("from").optional(),
  to: instant("to").optional(),
});

export const previewSchema = z
  .object({
    componentId: id("Component"),
    at: instant("Declared at").optional().openapi({ description: "When the incident would be declared; defaults to now" }),
    severity: z.enum(SEVERITIES, { error: "Choose a severity P1–P4" }).default("P1").openapi({ description: "The incident's severity (the policy may differ per severity); default P1" }),
  })
  .openapi("EscalationPreviewQuery");
export type PreviewInput = z.input<typeof previewSchema>;

export const calendarTokenSchema = z.object({
  /** a rotation's feed; omitted = the caller's own shifts across all rotations */
  rotationId: z.string().trim().max(64).optional().transform((v) => v || undefined),
});

const userSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: roleSchema }).openapi("OnCallUser");

export const rotationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    shiftMinutes: z.number().int(),
    handoffMinuteUtc: z.number().int(),
    timeZone: z.string(),
    anchorAt: z.string(),
    members: z.array(z.object({ position: z.number().int(), user: userSchema })),
  })
  .openapi("Rotation");

export const overrideSchema = z
  .object({
    id: z.string(),
    rotationId: z.string(),
    userId: z.string(),
    user: z.object({ id: z.string(), name: z.string() }),
    startsAt: z.string(),
    endsAt: z.string(),
    reason: z.string(),
    createdById: z.string(),
  })
  .openapi("Override");

export const onCallNowSchema = z
  .object({
    primary: userSchema.nullable(),
    secondary: userSchema.nullable(),
    nextHandoffAt: z.string().nullable(),
    rotations: z.array(z.object({ id: z.string(), name: z.string(), role: roleSchema, current: userSchema.nullable(), nextHandoffAt: z.string().nullable(), error: z.string().optional() })),
  })
  .openapi("OnCallNow");

export const previewResultSchema = z
  .object({
    componentId: z.string(),
    componentName: z.string(),
    declaredAt: z.string(),
    severity: z.string(),
    policy: z.string().openapi({ description: 'the ladder that applies: "default", "severity:P1", "group:<name>"' }),
    steps: z.array(
      z.object({
        level: z.number().int(),
        label: z.string(),
        minute: z.number(),
        offset: z.string().openapi({ description: "the level's delay in words, e.g. +15 min" }),
        at: z.string(),
        role: roleSchema,
        targetKey: z.string().openapi({ description: '"" for a rotation\'s on-call; "user:<id>" / "email:<address>" for a named person' }),
        rotation: z.object({ id: z.string(), name: z.string() }).nullable(),
        user: userSchema.nullable(),
        email: z.string().nullable(),
        viaOverride: z.boolean(),
        gap: z.string().nullable(),
      }),
    ),
  })
  .openapi("EscalationPreview");

export const SWAP_STATUSES = ["pending", "accepted", "declined", "cancelled"] as const;

/**
 * A shift swap (issue 13): the proposer offers [startsAt, endsAt) of their
 * shift in a rotation to the recipient and, optionally, takes the
 * recipient's [returnStartsAt, returnEndsAt) in exchange.
 */
export const proposeSwapSchema = z
  .object({
    rotationId: id("Rotation"),
    recipientId: id("Recipient"),
    startsAt: instant("Start"),
    endsAt: instant("End"),
    returnStartsAt: instant("Their shift's start").optional(),
    returnEndsAt: instant("Their shift's end").optional(),
    message: z.string().trim().max(500, "At most 500 characters").default(""),
  })
  .refine((s) => s.endsAt.getTime() > s.startsAt.getTime(), { path: ["endsAt"], message: "The end must be after the start" })
  .refine((s) => (s.returnStartsAt === undefined) === (s.returnEndsAt === undefined), { path: ["returnEndsAt"], message: "Give both the start and the end of their shift, or neither" })
  .refine((s) => !s.returnStartsAt || !s.returnEndsAt || s.returnEndsAt.getTime() > s.returnStartsAt.getTime(), { path: ["returnEndsAt"], message: "The end must be after the start" })
  .refine((s) => !s.returnStartsAt || !s.returnEndsAt || s.returnEndsAt.getTime() <= s.startsAt.getTime() || s.returnStartsAt.getTime() >= s.endsAt.getTime(), {
    path: ["returnStartsAt"],
    message: "Their shift must not overlap the shift you give away",
  })
  .openapi("ProposeSwap");
export type ProposeSwapInput = z.input<typeof proposeSwapSchema>;

export const swapIdSchema = z.object({ id: id("Swap") });

export const listSwapsQuerySchema = z.object({
  status: z.enum(SWAP_STATUSES, { error: "Unknown status" }).optional(),
  rotationId: z.string().trim().max(64).optional(),
});

export const swapSchema = z
  .object({
    id: z.string(),
    rotationId: z.string(),
    rotationName: z.string(),
    proposer: z.object({ id: z.string(), name: z.string() }),
    recipient: z.object({ id: z.string(), name: z.string() }),
    startsAt: z.string(),
    endsAt: z.string(),
    returnStartsAt: z.string().nullable(),
    returnEndsAt: z.string().nullable(),
    message: z.string(),
    status: z.enum(SWAP_STATUSES),
    overrideIds: z.array(z.string()).openapi({ description: "overrides written when it was accepted" }),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ShiftSwap");

const packetItem = {
  incident: z.object({ id: z.string(), number: z.number().int(), title: z.string(), severity: z.string(), status: z.string(), declaredAt: z.string(), lastUpdate: z.object({ at: z.string(), message: z.string() }).nullable() }),
  change: z.object({ id: z.string(), number: z.number().int(), description: z.string(), status: z.string(), plannedStart: z.string().nullable(), plannedEnd: z.string().nullable() }),
  window: z.object({ id: z.string(), number: z.number().int(), title: z.string(), windowStart: z.string(), windowEnd: z.string() }),
  page: z.object({ incidentId: z.string(), incidentTitle: z.string(), level: z.number().int(), role: z.string(), userName: z.string().nullable(), at: z.string() }),
};

export const handoffPacketSchema = z
  .object({
    id: z.string(),
    rotation: z.object({ id: z.string(), name: z.string() }),
    handoffAt: z.string(),
    nextHandoffAt: z.string(),
    incoming: z.object({ id: z.string(), name: z.string() }),
    outgoing: z.object({ id: z.string(), name: z.string() }).nullable(),
    content: z.object({
      rotation: z.object({ id: z.string(), name: z.string(), role: z.string() }),
      handoffAt: z.string(),
      nextHandoffAt: z.string(),
      previousHandoffAt: z.string(),
      openIncidents: z.array(packetItem.incident),
      changesInFlight: z.array(packetItem.change),
      changesNextShift: z.array(packetItem.change),
      maintenanceActive: z.array(packetItem.window),
      maintenanceUpcoming: z.array(packetItem.window),
      pagesLastShift: z.array(packetItem.page),
    }),
    acknowledgedAt: z.string().nullable(),
    reminderSentAt: z.string().nullable().openapi({ description: "when the outgoing person was told it was still unacknowledged after 30 min" }),
  })
  .openapi("HandoffPacket");
