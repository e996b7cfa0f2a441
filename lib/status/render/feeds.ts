/**
 * Atom 1.0 feed (incidents' published updates and notified maintenance),
 * iCalendar of maintenance windows, and the SVG status badge. Pure: built
 * from the narrow public data only.
 */
import { Feed } from "feed";
import ical, { ICalEventStatus } from "ical-generator";
import type { ComponentStatusValue } from "@/lib/status/derive-status";
import type { PublicStatusData } from "@/lib/status/public-types";
import { escapeHtml } from "@/lib/status/render/html";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/derive-status";
import { INCIDENT_STATUS_V2, incidentLink, maintenanceStatus, overallIndicator, pageUpdatedAt, SEVERITY_IMPACT, type V2Indicator } from "@/lib/status/statuspage-v2";

const base = (data: PublicStatusData) => data.page.url.replace(/\/status\/?$/, "");

export function renderAtom(data: PublicStatusData): string {
  const statusUrl = data.page.url;
  const feed = new Feed({
    id: `${statusUrl}/feed.atom`,
    title: `${data.page.name} status`,
    description: `Incidents and maintenance of ${data.page.name}`,
    link: statusUrl,
    updated: pageUpdatedAt(data),
    generator: "OpsGate",
    feedLinks: { atom: `${statusUrl}/feed.atom` },
    author: { name: data.page.name, link: statusUrl },
    copyright: data.page.name,
  });
  type Entry = Parameters<Feed["addItem"]>[0];
  const entries: Entry[] = [];
  for (const i of data.recentIncidents) {
    for (const u of i.updates) {
      const status = INCIDENT_STATUS_V2[u.status];
      entries.push({
        id: `${incidentLink(data.page, i.id)}#update-${u.id}`,
        // The feed library writes <title type="html">: the text must be HTML, so a title with "<timeouts>" is escaped, not markup.
        title: escapeHtml(`${i.title} — ${status}`),
        link: incidentLink(data.page, i.id),
        date: u.createdAt,
        published: u.createdAt,
        description: escapeHtml(`${status} (impact: ${SEVERITY_IMPACT[i.severity]})`),
        content: `<p>${escapeHtml(u.body).replace(/\n/g, "<br>")}</p>`,
      });
    }
  }
  for (const m of data.maintenances) {
    entries.push({
      id: `${statusUrl}#maintenance-${m.id}`,
      title: escapeHtml(`${m.cancelledAt ? "Cancelled maintenance" : "Maintenance"}: ${m.title} (${m.windowStart.toISOString().slice(0, 16).replace("T", " ")} – ${m.windowEnd.toISOString().slice(0, 16).replace("T", " ")} UTC)`),
      link: `${statusUrl}#maintenance-${m.id}`,
      date: m.updatedAt > m.notifiedAt ? m.updatedAt : m.notifiedAt,
      published: m.notifiedAt,
      description: escapeHtml(m.cancelledAt ? `${m.type}, cancelled` : `${m.type}, ${maintenanceStatus(m, data.now).replace("_", " ")}`),
      content: `<p>${escapeHtml(`${m.type}: ${m.impact}`)}</p>${m.cancelledAt ? `<p>${escapeHtml(`Cancelled${m.cancelReason ? `: ${m.cancelReason}` : "."}`)}</p>` : ""}`,
    });
  }
  entries.sort((a, b) => b.date.getTime() - a.date.getTime());
  for (const e of entries.slice(0, 100)) feed.addItem(e);
  return feed.atom1();
}

export function renderIcs(data: PublicStatusData): string {
  // ttl writes REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL (how often subscribed calendars re-fetch).
  const cal = ical({ name: `${data.page.name} maintenance`, prodId: { company: "OpsGate", product: "status", language: "EN" }, timezone: "UTC", ttl: ICS_REFRESH_SECONDS });
  const names = new Map(data.components.map((c) => [c.id, c.name]));
  for (const m of data.maintenances) {
    const affected = m.componentIds.map((id) => names.get(id)).filter(Boolean).join(", ");
    cal.createEvent({
      id: `maintenance-${m.id}@${new URL(base(data)).host}`,
      start: m.windowStart,
      end: m.windowEnd,
      stamp: m.notifiedAt,
      lastModified: m.updatedAt,
      sequence: m.version - 1,
      // Cancelling bumps the version, so calendars replace the event with this cancelled one (RFC 5545 §3.8.1.11).
      ...(m.cancelledAt ? { status: ICalEventStatus.CANCELLED } : {}),
      summary: `${m.cancelledAt ? "Cancelled: " : ""}Maintenance: ${m.title}`,
      description: `${m.type}: ${m.impact}${affected ? `\nAffected: ${affected}` : ""}`,
      url: `${data.page.url}#maintenance-${m.id}`,
    });
  }
  return withFinalCrlf(cal.toString());
}

/** How often calendar apps should re-fetch the maintenance feed. */
export const ICS_REFRESH_SECONDS = 60 * 60;

/** RFC 5545 §3.1: every content line ends with CRLF, the last one included. */
export function withFinalCrlf(ics: string): string {
  return ics.endsWith("\r\n") ? ics : `${ics}\r\n`;
}

const BADGE_COLOR: Record<V2Indicator, string> = { none: "#15803d", minor: "#a16207", major: "#c2410c", critical: "#b91c1c", maintenance: "#1d4ed8" };
const COMPONENT_COLOR: Record<ComponentStatusValue, string> = {
  operational: "#15803d",
  degraded_performance: "#a16207",
  partial_outage: "#c2410c",
  major_outage: "#b91c1c",
  under_maintenance: "#1d4ed8",
};

function badge(label: string, message: string, color: string): string {
  // Verdana 11px averages ~6.5 px per character: good enough for a badge.
  const w = (s: string) => Math.round(s.length * 6.5 + 12);
  const lw = w(label);
  const mw = w(message);
  const L = escapeHtml(label);
  const M = escapeHtml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + mw}" height="20" role="img" aria-label="${L}: ${M}"><title>${L}: ${M}</title><rect width="${lw}" height="20" fill="#475569"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${lw / 2}" y="14">${L}</text><text x="${lw + mw / 2}" y="14">${M}</text></g></svg>`;
}

/** Overall badge, or one component's (by id or exact name, case-insensitive); null when no such public component. */
export function renderBadge(data: PublicStatusData, component?: string | null): string | null {
  if (component) {
    const key = component.toLowerCase();
    const c = data.components.find((x) => x.id === component || x.name.toLowerCase() === key);
    if (!c) return null;
    return badge(c.name, COMPONENT_STATUS_LABELS[c.status].toLowerCase(), COMPONENT_COLOR[c.status]);
  }
  const inProgress = data.maintenances.some((m) => maintenanceStatus(m, data.now) === "in_progress");
  const o = overallIndicator({ components: data.components, activeIncidents: data.activeIncidents, maintenanceInProgress: inProgress });
  return badge("status", o.description.toLowerCase(), BADGE_COLOR[o.indicator]);
}
