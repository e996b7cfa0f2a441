/**
 * zod schemas of Atlassian Statuspage's public API v2 responses (strict:
 * every key present, nullable ones as null, no extra keys). Used by the
 * tests to prove a Statuspage client can read OpsGate unchanged.
 */
import { z } from "zod";

/** UTC with `Z`, like Statuspage (no numeric offset). */
const ts = z.iso.datetime({ offset: false });
const componentStatus = z.enum(["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]);

export const v2PageSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1), url: z.url(), time_zone: z.string().min(1), updated_at: ts });

export const v2ComponentSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  status: componentStatus,
  created_at: ts,
  updated_at: ts,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string().min(1),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()).optional(),
});

const incidentStatus = z.enum(["investigating", "identified", "monitoring", "resolved", "postmortem"]);
const maintenanceStatus = z.enum(["scheduled", "in_progress", "verifying", "completed"]);

export const v2IncidentUpdateSchema = z.strictObject({
  id: z.string().min(1),
  status: incidentStatus,
  body: z.string(),
  incident_id: z.string().min(1),
  created_at: ts,
  updated_at: ts,
  display_at: ts,
  affected_components: z.array(z.strictObject({ code: z.string().min(1), name: z.string().min(1), old_status: componentStatus, new_status: componentStatus })).min(1).nullable(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.string().nullable(),
  tweet_id: z.string().nullable(),
});

const incidentBase = {
  id: z.string().min(1),
  name: z.string().min(1),
  created_at: ts,
  updated_at: ts,
  monitoring_at: ts.nullable(),
  resolved_at: ts.nullable(),
  shortlink: z.url(),
  started_at: ts,
  page_id: z.string().min(1),
  components: z.array(v2ComponentSchema),
};

/** A maintenance's updates use the maintenance statuses (Statuspage never sends `identified` there). */
export const v2MaintenanceUpdateSchema = v2IncidentUpdateSchema.extend({ status: maintenanceStatus });

export const v2IncidentSchema = z.strictObject({
  ...incidentBase,
  incident_updates: z.array(v2IncidentUpdateSchema),
  status: incidentStatus,
  impact: z.enum(["none", "minor", "major", "critical"]),
});

export const v2MaintenanceSchema = z.strictObject({
  ...incidentBase,
  incident_updates: z.array(v2MaintenanceUpdateSchema),
  status: maintenanceStatus,
  impact: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  scheduled_for: ts,
  scheduled_until: ts,
});

export const v2StatusSchema = z.strictObject({
  indicator: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  description: z.enum(["All Systems Operational", "Minor Service Outage", "Partial System Outage", "Major Service Outage", "Service Under Maintenance"]),
});

export const V2_SCHEMAS = {
  "summary.json": z.strictObject({ page: v2PageSchema, components: z.array(v2ComponentSchema), incidents: z.array(v2IncidentSchema), scheduled_maintenances: z.array(v2MaintenanceSchema), status: v2StatusSchema }),
  "status.json": z.strictObject({ page: v2PageSchema, status: v2StatusSchema }),
  "components.json": z.strictObject({ page: v2PageSchema, components: z.array(v2ComponentSchema) }),
  "incidents.json": z.strictObject({ page: v2PageSchema, incidents: z.array(v2IncidentSchema) }),
  "incidents/unresolved.json": z.strictObject({ page: v2PageSchema, incidents: z.array(v2IncidentSchema) }),
  "scheduled-maintenances.json": z.strictObject({ page: v2PageSchema, scheduled_maintenances: z.array(v2MaintenanceSchema) }),
  "scheduled-maintenances/upcoming.json": z.strictObject({ page: v2PageSchema, scheduled_maintenances: z.array(v2MaintenanceSchema) }),
  "scheduled-maintenances/active.json": z.strictObject({ page: v2PageSchema, scheduled_maintenances: z.array(v2MaintenanceSchema) }),
} as const;

/** The per-id documents: `/api/v2/incidents/{id}.json`, `/api/v2/scheduled-maintenances/{id}.json`. */
export const v2IncidentDocumentSchema = z.strictObject({ page: v2PageSchema, incident: v2IncidentSchema });
export const v2MaintenanceDocumentSchema = z.strictObject({ page: v2PageSchema, scheduled_maintenance: v2MaintenanceSchema });

/** Statuspage's subscriber webhook payloads (incident / scheduled maintenance, component update). */
const webhookMeta = z.strictObject({ unsubscribe: z.url(), documentation: z.url() });
const webhookPage = z.strictObject({
  id: z.string().min(1),
  status_indicator: v2StatusSchema.shape.indicator,
  status_description: v2StatusSchema.shape.description,
});
export const v2WebhookIncidentSchema = z.strictObject({ meta: webhookMeta, page: webhookPage, incident: z.union([v2IncidentSchema, v2MaintenanceSchema]) });
export const v2WebhookComponentSchema = z.strictObject({
  meta: webhookMeta,
  page: webhookPage,
  component_update: z.strictObject({ created_at: ts, new_status: componentStatus, old_status: componentStatus, id: z.string().min(1), component_id: z.string().min(1) }),
  component: z.strictObject({ created_at: ts, id: z.string().min(1), name: z.string().min(1), status: componentStatus }),
});
