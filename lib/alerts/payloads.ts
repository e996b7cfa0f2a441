/**
 * Pure mappings from the payloads monitoring tools send to one normalized
 * shape (SPEC.md §7, API.md "Alert ingest"). No database, no clock: every
 * function takes what it needs. The zod schemas are the 400-with-field-path
 * contract of the ingest endpoints; unknown extra fields are accepted (tools
 * add fields between versions), every string has a max length.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export type AlertStatus = "firing" | "resolved";

export type NormalizedAlert = {
  /** identity of the alert within its integration (Alertmanager fingerprint, PagerDuty dedup_key) */
  fingerprint: string;
  status: AlertStatus;
  startsAt: Date;
  endsAt: Date | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** the alert's own one-line summary (never merged with another alert's) */
  summary: string;
  description: string | null;
  severity: string | null;
  generatorURL: string | null;
};

/** One delivery: the alerts of one group (one incident at most). */
export type NormalizedDelivery = { groupKey: string; externalURL: string | null; alerts: NormalizedAlert[] };

const str = (max: number) => z.string().max(max, `At most ${max} characters`);
const labelMap = z.record(str(256), str(4096)).refine((m) => Object.keys(m).length <= 200, "At most 200 entries");
const instant = str(64).refine((s) => !Number.isNaN(Date.parse(s)), "Not an RFC 3339 time");
const url = str(2048);

/** Links shown on the incident page: only http(s), never `javascript:` or other schemes. */
export function httpUrlOrNull(u: string | null | undefined): string | null {
  return u && /^https?:\/\/[^\s]+$/i.test(u) ? u : null;
}

/** Alertmanager writes 0001-01-01T00:00:00Z for "no end": anything before 1970 is no time at all. */
function optionalTime(s: string | undefined | null): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) || d.getTime() <= 0 ? null : d;
}

/** Alertmanager's own fingerprint when sent; else a stable hash of the sorted label set (what Alertmanager does). */
export function labelsFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`)
    .join("\u0001");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

const amAlert = z.object({
  status: z.enum(["firing", "resolved"], { message: "Must be firing or resolved" }),
  labels: labelMap,
  annotations: labelMap.optional().default({}),
  startsAt: instant,
  endsAt: str(64).optional().nullable(),
  generatorURL: url.optional().nullable(),
  fingerprint: str(200).optional(),
});

/** Alertmanager webhook v4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export const alertmanagerSchema = z.object({
  version: str(10).optional(),
  groupKey: str(4096).min(1, "groupKey is required"),
  status: z.enum(["firing", "resolved"], { message: "Must be firing or resolved" }),
  receiver: str(500).optional(),
  groupLabels: labelMap.optional().default({}),
  commonLabels: labelMap.optional().default({}),
  commonAnnotations: labelMap.optional().default({}),
  externalURL: url.optional().nullable(),
  alerts: z.array(amAlert).min(1, "At least one alert").max(1000, "At most 1000 alerts"),
});

/** Grafana alerting webhook: Alertmanager's shape plus orgId, title, message, state, … */
export const grafanaSchema = alertmanagerSchema.extend({
  orgId: z.number().optional(),
  title: str(2000).optional(),
  message: str(20000).optional(),
  state: str(50).optional(),
});

function fromAlertmanager(body: z.output<typeof alertmanagerSchema>): NormalizedDelivery {
  return {
    groupKey: body.groupKey,
    externalURL: httpUrlOrNull(body.externalURL),
    alerts: body.alerts.map((a) => {
      const labels = { ...a.labels };
      const annotations = { ...body.commonAnnotations, ...a.annotations };
      return {
        fingerprint: a.fingerprint || labelsFingerprint(labels),
        status: a.status,
        startsAt: new Date(a.startsAt),
        endsAt: a.status === "resolved" ? optionalTime(a.endsAt) : null,
        labels,
        annotations,
        summary: (annotations.summary || labels.alertname || "Alert").slice(0, 500),
        description: annotations.description || null,
        severity: labels.severity ?? null,
        generatorURL: httpUrlOrNull(a.generatorURL),
      };
    }),
  };
}

export const mapAlertmanager = (body: z.output<typeof alertmanagerSchema>) => fromAlertmanager(body);
export const mapGrafana = (body: z.output<typeof grafanaSchema>) => fromAlertmanager(body);

/** PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export const pagerdutySchema = z
  .object({
    routing_key: str(200).min(1, "routing_key is required"),
    event_action: z.enum(["trigger", "acknowledge", "resolve"], { message: "Must be trigger, acknowledge or resolve" }),
    dedup_key: str(255).optional(),
    payload: z
      .object({
        summary: str(1024).min(1, "summary is required"),
        source: str(1024).min(1, "source is required"),
        severity: z.enum(["critical", "error", "warning", "info"], { message: "Must be critical, error, warning or info" }),
        timestamp: instant.optional(),
        component: str(1024).optional(),
        group: str(1024).optional(),
        class: str(1024).optional(),
        custom_details: z.unknown().optional(),
      })
      .optional(),
    client: str(1024).optional(),
    client_url: url.optional(),
    links: z.array(z.object({ href: url, text: str(1024).optional() })).max(50).optional(),
    images: z.array(z.object({ src: url, href: url.optional(), alt: str(1024).optional() })).max(50).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.event_action === "trigger" && !v.payload) ctx.addIssue({ code: "custom", path: ["payload"], message: "payload is required for trigger" });
    if (v.event_action !== "trigger" && !v.dedup_key) ctx.addIssue({ code: "custom", path: ["dedup_key"], message: `dedup_key is required for ${v.event_action}` });
  });
export type PagerDutyEvent = z.output<typeof pagerdutySchema>;

/**
 * PagerDuty: the dedup_key is both the alert and its group (one incident per
 * open dedup_key). A trigger without one gets a fresh key (`newKey`), as
 * PagerDuty does, which the endpoint answers with. `acknowledge` maps to
 * no delivery (null): the caller acknowledges the key's open incident.
 */
export function mapPagerDuty(body: PagerDutyEvent, now: Date, newKey: () => string): { dedupKey: string; delivery: NormalizedDelivery | null } {
  const dedupKey = body.dedup_key ?? newKey();
  if (body.event_action === "acknowledge") return { dedupKey, delivery: null };
  const p = body.payload;
  const labels: Record<string, string> = {};
  if (p) {
    labels.source = p.source;
    labels.severity = p.severity;
    if (p.component) labels.component = p.component;
    if (p.group) labels.group = p.group;
    if (p.class) labels.class = p.class;
  }
  const details = p?.custom_details;
  const description = details === undefined ? null : typeof details === "string" ? details : JSON.stringify(details).slice(0, 4000);
  const firing = body.event_action === "trigger";
  return {
    dedupKey,
    delivery: {
      groupKey: dedupKey,
      externalURL: httpUrlOrNull(body.client_url),
      alerts: [
        {
          fingerprint: dedupKey,
          status: firing ? "firing" : "resolved",
          startsAt: p?.timestamp ? new Date(p.timestamp) : now,
          endsAt: firing ? null : now,
          labels,
          annotations: p ? { summary: p.summary, ...(description ? { description } : {}) } : {},
          summary: p?.summary.slice(0, 500) ?? dedupKey,
          description,
          severity: p?.severity ?? null,
          generatorURL: httpUrlOrNull(body.links?.[0]?.href ?? body.client_url),
        },
      ],
    },
  };
}

/** OpsGate's own generic format (API.md). */
export const genericSchema = z.object({
  title: str(500).trim().min(1, "title is required"),
  status: z.enum(["firing", "resolved"], { message: "Must be firing or resolved" }),
  dedupKey: str(255).trim().min(1, "dedupKey is required"),
  severity: str(50).optional(),
  startsAt: instant.optional(),
  description: str(4000).optional(),
  component: str(200).optional(),
  labels: labelMap.optional(),
  generatorURL: url.optional(),
});

export function mapGeneric(body: z.output<typeof genericSchema>, now: Date): NormalizedDelivery {
  const labels = { ...body.labels, ...(body.component ? { component: body.component } : {}), ...(body.severity ? { severity: body.severity } : {}) };
  return {
    groupKey: body.dedupKey,
    externalURL: null,
    alerts: [
      {
        fingerprint: body.dedupKey,
        status: body.status,
        startsAt: body.startsAt ? new Date(body.startsAt) : now,
        endsAt: body.status === "resolved" ? now : null,
        labels,
        annotations: { summary: body.title, ...(body.description ? { description: body.description } : {}) },
        summary: body.title,
        description: body.description ?? null,
        severity: body.severity ?? null,
        generatorURL: httpUrlOrNull(body.generatorURL),
      },
    ],
  };
}

/** The alert a missed heartbeat raises (firing) and the next ping clears (resolved). */
export function heartbeatDelivery(name: string, status: AlertStatus, missedSince: Date, now: Date): NormalizedDelivery {
  const summary = `Heartbeat missed: ${name}`.slice(0, 500);
  return {
    groupKey: "heartbeat",
    externalURL: null,
    alerts: [
      {
        fingerprint: "heartbeat",
        status,
        startsAt: missedSince,
        endsAt: status === "resolved" ? now : null,
        labels: { alertname: "HeartbeatMissed", severity: "error" },
        annotations: { summary, description: `No ping from "${name}" since ${missedSince.toISOString()}.` },
        summary,
        description: `No ping from "${name}" since ${missedSince.toISOString()}.`,
        severity: "error",
        generatorURL: null,
      },
    ],
  };
}
