/**
 * The NARROW public shape of status data. Everything the public status page,
 * its feeds and the v2 JSON render comes from these types, which have no
 * field for responders, emails, internal updates, audit data or non-public
 * components: what is not here cannot leak.
 */
import type { ComponentStatusValue, SeverityValue } from "@/lib/status/derive-status";
import type { UptimeIncident, UptimeMaintenance } from "@/lib/status/uptime";

export type IncidentStatusValue = "Investigating" | "Identified" | "Fixing" | "Resolved";
export type MaintenanceTypeValue = "Patching" | "Upgrade" | "Migration";

export type PublicComponent = {
  id: string;
  name: string;
  group: string;
  description: string;
  status: ComponentStatusValue;
  position: number;
  createdAt: Date;
  updatedAt: Date;
};

export type PublicUpdate = {
  id: string;
  status: IncidentStatusValue;
  /** the published message plus the published impact/current action of that update */
  body: string;
  /** the component status this update set explicitly (null: unchanged / derived from severity) */
  componentStatus: ComponentStatusValue | null;
  createdAt: Date;
};

export type PublicIncident = {
  id: string;
  number: number;
  title: string;
  severity: SeverityValue;
  status: IncidentStatusValue;
  declaredAt: Date;
  /** the latest public moment: last published update (or resolution) */
  updatedAt: Date;
  resolvedAt: Date | null;
  /** public components only */
  componentIds: string[];
  /** published updates, newest first */
  updates: PublicUpdate[];
};

export type PublicMaintenance = {
  id: string;
  number: number;
  title: string;
  type: MaintenanceTypeValue;
  impact: string;
  windowStart: Date;
  windowEnd: Date;
  notifiedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** optimistic-lock version: +1 per edit, so the iCalendar SEQUENCE grows on every reschedule */
  version: number;
  /** when it was cancelled (null: not cancelled) and why */
  cancelledAt: Date | null;
  cancelReason: string | null;
  componentIds: string[];
};

export type PageInfo = { id: string; name: string; url: string };

export type PublicStatusData = {
  page: PageInfo;
  now: Date;
  components: PublicComponent[];
  /** unresolved public incidents, newest first */
  activeIncidents: PublicIncident[];
  /** the most recent public incidents (any status), newest first (≤ 50) */
  recentIncidents: PublicIncident[];
  /** notified windows ending after now − 30 days, by start */
  maintenances: PublicMaintenance[];
  /** public incidents of the last 90 days, for the uptime bars */
  uptimeIncidents: UptimeIncident[];
  /** published maintenance windows of the last 90 days, excluded from the uptime */
  uptimeMaintenance?: UptimeMaintenance[];
  /** how much of a partial outage counts as downtime (OPSGATE_KPI_PARTIAL_WEIGHT) */
  partialWeight?: number;
  /** count of all public incidents (history pagination) */
  historyTotal: number;
  /** false when no mail server is configured (SMTP_URL): the page hides the email form */
  emailSubscriptions?: boolean;
};
