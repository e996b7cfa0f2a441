/**
 * Server-side HTML of the public status pages (pure: data in, string out).
 * No client JavaScript: tooltips are `title`/`aria-label`, forms post plainly.
 */
import { COMPONENT_STATUS_LABELS, type ComponentStatusValue } from "@/lib/status/derive-status";
import type { PageInfo, PublicComponent, PublicIncident, PublicMaintenance, PublicStatusData } from "@/lib/status/public-types";
import { html, raw, type Html } from "@/lib/status/render/html";
import { STATUS_CSS } from "@/lib/status/render/styles";
import { INCIDENT_STATUS_V2, maintenanceStatus, overallIndicator, SEVERITY_IMPACT } from "@/lib/status/statuspage-v2";
import { describeDay, formatUptime, uptimeSeries, type UptimeDay } from "@/lib/status/uptime";
import { maintenancePhase, PHASE_LABELS } from "@/lib/maintenance/window";
import { LIMITS as SUBSCRIBE_LIMITS } from "@/lib/status/subscribers/schemas";

const INCIDENT_STATUS_LABEL = { investigating: "Investigating", identified: "Identified", monitoring: "Monitoring", resolved: "Resolved", postmortem: "Postmortem" } as const;
const IMPACT_LABEL = { critical: "Critical", major: "Major", minor: "Minor", none: "No impact" } as const;

export function utc(d: Date): string {
  const s = d.toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

const time = (d: Date) => html`<time datetime="${d.toISOString()}">${utc(d)}</time>`;

function layout(page: PageInfo, title: string, body: Html, opts: { description?: string } = {}): string {
  const doc = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><meta name="description" content="${opts.description ?? `Current status, incidents and maintenance of ${page.name}.`}">
<meta name="theme-color" content="#0f172a"><link rel="alternate" type="application/atom+xml" title="${page.name} status feed" href="/status/feed.atom">
<link rel="icon" href="data:,"><style>${raw(STATUS_CSS)}</style></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="top"><div class="wrap"><a class="brand" href="/status">${page.name} status</a>
<nav aria-label="Status page"><a href="/status/history">Incident history</a><a href="/status#subscribe">Subscribe</a></nav></div></header>
<main id="main" class="wrap">${body}</main>
<footer><div class="wrap"><span>Times are UTC.</span><a href="/status/feed.atom">Atom feed</a><a href="/status/maintenance.ics">Maintenance calendar (iCal)</a><a href="/api/v2/summary.json">JSON API</a></div></footer>
</body></html>`;
  return doc.value;
}

function impactPill(impact: keyof typeof IMPACT_LABEL | "maintenance") {
  const label = impact === "maintenance" ? "Maintenance" : IMPACT_LABEL[impact];
  return html`<span class="pill i-${impact}">${label}</span>`;
}

function updatesList(i: PublicIncident): Html {
  if (!i.updates.length) return html``;
  return html`<ol class="updates" aria-label="Updates">${i.updates.map(
    (u) => html`<li><strong>${INCIDENT_STATUS_LABEL[INCIDENT_STATUS_V2[u.status]]}</strong> · <span class="meta">${time(u.createdAt)}</span><p>${u.body}</p></li>`,
  )}</ol>`;
}

function componentNames(ids: string[], byId: Map<string, PublicComponent>): string {
  return ids
    .map((id) => byId.get(id)?.name)
    .filter((n): n is string => !!n)
    .join(", ");
}

function incidentCard(i: PublicIncident, byId: Map<string, PublicComponent>, level: "h3" | "h2" = "h3", withUpdates = true): Html {
  const impact = SEVERITY_IMPACT[i.severity];
  const status = INCIDENT_STATUS_LABEL[INCIDENT_STATUS_V2[i.status]];
  const affected = componentNames(i.componentIds, byId);
  const heading = html`<a href="/status/incidents/${i.id}">${i.title}</a>`;
  return html`<article class="card" aria-labelledby="inc-${i.id}">
${level === "h3" ? html`<h3 id="inc-${i.id}">${heading}${impactPill(impact)}</h3>` : html`<h2 id="inc-${i.id}">${heading}${impactPill(impact)}</h2>`}
<p class="meta">${status} · started ${time(i.declaredAt)}${i.resolvedAt ? html` · resolved ${time(i.resolvedAt)}` : ""}${affected ? html` · affects ${affected}` : ""}</p>
${withUpdates ? updatesList(i) : i.updates[0] ? html`<p class="desc">${i.updates[0].body.split("\n")[0]}</p>` : ""}
</article>`;
}

function maintenanceCard(m: PublicMaintenance, byId: Map<string, PublicComponent>, now: Date): Html {
  const phase = maintenancePhase(m, now);
  const label = PHASE_LABELS[phase];
  const affected = componentNames(m.componentIds, byId);
  const cancelled = phase === "cancelled" && m.cancelledAt ? html` · cancelled ${time(m.cancelledAt)}` : "";
  return html`<article class="card" id="maintenance-${m.id}" aria-labelledby="mw-${m.id}">
<h3 id="mw-${m.id}">${phase === "cancelled" ? html`<s>${m.title}</s>` : m.title}${impactPill("maintenance")}</h3>
<p class="meta">${label} · ${time(m.windowStart)} – ${time(m.windowEnd)}${cancelled}${affected ? html` · affects ${affected}` : ""}</p>
<p>${phase === "cancelled" ? `Cancelled${m.cancelReason ? `: ${m.cancelReason}` : "."}` : `${m.type}: ${m.impact}`}</p>
</article>`;
}

/** Short classes for the day bars (styles.ts): operational days have none. */
const DAY_CLASS: Record<ComponentStatusValue, string> = { operational: "", degraded_performance: "dg", partial_outage: "po", major_outage: "mo", under_maintenance: "um" };

function dayClass(d: UptimeDay): Html {
  const c = d.hasData ? DAY_CLASS[d.worst] : "nd";
  return raw(c ? ` class="${c}"` : "");
}

function uptimeBars(c: PublicComponent, data: PublicStatusData): Html {
  const s = uptimeSeries({ componentId: c.id, incidents: data.uptimeIncidents, maintenance: data.uptimeMaintenance, now: data.now, since: c.createdAt, partialWeight: data.partialWeight });
  const pct = formatUptime(s.uptimePercent);
  // A young component's rate covers only the days it existed: say so instead of "90 days ago".
  const first = s.days.find((d) => d.hasData);
  const span = s.dataDays < s.days.length && first ? `since ${first.date}` : "90 days ago";
  const scope = s.dataDays < s.days.length && first ? `since ${first.date} (earlier days: no data)` : "over 90 days";
  // One SVG per component: a rect per day with a <title> tooltip (native, no JS); one accessible name for the whole bar.
  // Kept terse (it is most of the page's bytes): one unit per day, stretched by CSS; operational days take the default fill, no class.
  return html`<svg class="bars" role="img" aria-label="${c.name}: ${pct} uptime ${scope}" viewBox="0 0 ${s.days.length} 4" preserveAspectRatio="none">${s.days.map(
    (d, i) => html`<rect x="${i}" width=".8" height="4"${dayClass(d)}><title>${describeDay(d)}</title></rect>`,
  )}</svg>
<div class="legend" aria-hidden="true"><span>${span}</span><span>${pct} uptime</span><span>Today</span></div>`;
}

/** The colour key of the day bars, once per page (text, so it works without JS and for screen readers). */
function barKey(partialWeight = 0.3): Html {
  const items: [string, string][] = [...(Object.entries(DAY_CLASS) as [ComponentStatusValue, string][]).map(([s, cls]): [string, string] => [cls, COMPONENT_STATUS_LABELS[s]]), ["nd", "No data (before the component existed)"]];
  return html`<ul class="key" aria-label="Uptime bar colours">${items.map(
    ([cls, label]) => html`<li><svg viewBox="0 0 1 1" width="12" height="12" aria-hidden="true" class="bars-key"><rect width="1" height="1"${raw(cls ? ` class="${cls}"` : "")}></rect></svg>${label}</li>`,
  )}</ul><p class="keynote">Hover a day for its date, downtime and incidents. Uptime counts major outages fully and partial outages at ${String(Math.round(100 * partialWeight))} %; announced maintenance is not counted.</p>`;
}

function componentsSection(data: PublicStatusData): Html {
  const groups = new Map<string, PublicComponent[]>();
  for (const c of data.components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  if (!groups.size) return html`<p class="empty">No components are published yet.</p>`;
  return html`${[...groups].map(
    ([name, members]) => html`<section class="card group" aria-labelledby="g-${slug(name)}"><h3 id="g-${slug(name)}">${name}</h3>
<ul class="comps">${members.map(
      (c) => html`<li class="comp"><div class="row"><span class="name">${c.name}</span><span class="st s-${c.status}">${COMPONENT_STATUS_LABELS[c.status]}</span></div>
${c.description ? html`<p class="desc">${c.description}</p>` : ""}${uptimeBars(c, data)}</li>`,
    )}</ul></section>`,
  )}`;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function subscribeSection(data: PublicStatusData): Html {
  const picker = () =>
    data.components.length
      ? html`<fieldset><legend>Only these components (optional)</legend>${data.components.map(
          (c) => html`<label><input type="checkbox" name="componentIds" value="${c.id}"> ${c.name}</label>`,
        )}</fieldset>`
      : "";
  return html`<section aria-labelledby="subscribe"><h2 id="subscribe">Get updates</h2>
<div class="card">
${
    data.emailSubscriptions === false
      ? html`<p class="meta" id="sub-email-unavailable">Email subscriptions are unavailable here: no mail server is configured. Use a webhook, the Atom feed or the maintenance calendar.</p>`
      : html`<form id="sub-email" method="post" action="/status/subscribe"><input type="hidden" name="kind" value="email">
<label for="sub-email-target">Email address</label><input id="sub-email-target" type="email" name="target" required maxlength="${SUBSCRIBE_LIMITS.email}" autocomplete="email">
${picker()}<button type="submit">Subscribe by email</button></form>`
  }
<form id="sub-hook" method="post" action="/status/subscribe"><input type="hidden" name="kind" value="webhook">
<label for="sub-hook-target">Webhook URL</label><input id="sub-hook-target" type="url" name="target" required maxlength="${SUBSCRIBE_LIMITS.url}" placeholder="https://example.com/hooks/status">
${picker()}<button type="submit">Subscribe a webhook</button></form>
<p class="meta">Subscriptions start once confirmed: by the link we email you, or, for a webhook, by opening the <code>data.confirmUrl</code> of the verification request we POST to it; every message has a one-click unsubscribe link. Or follow the <a href="/status/feed.atom">Atom feed</a> and the <a href="/status/maintenance.ics">maintenance calendar</a>.</p>
</div></section>`;
}

/** The /status page. */
export function renderStatusPage(data: PublicStatusData): string {
  const byId = new Map(data.components.map((c) => [c.id, c]));
  const inProgress = data.maintenances.filter((m) => maintenanceStatus(m, data.now) === "in_progress");
  const upcoming = data.maintenances.filter((m) => maintenanceStatus(m, data.now) === "scheduled");
  // A cancelled window stays listed as cancelled until the time it would have ended, so nobody waits for it.
  const cancelled = data.maintenances.filter((m) => maintenancePhase(m, data.now) === "cancelled" && m.windowEnd > data.now);
  const overall = overallIndicator({ components: data.components, activeIncidents: data.activeIncidents, maintenanceInProgress: inProgress.length > 0 });
  const body = html`<section class="banner b-${overall.indicator}" aria-labelledby="overall"><h1 id="overall">${overall.description}</h1><p>Updated ${time(data.now)}</p></section>
<section aria-labelledby="active"><h2 id="active">Active incidents</h2>${
    data.activeIncidents.length ? data.activeIncidents.map((i) => incidentCard(i, byId)) : html`<p class="empty">No active incidents.</p>`
  }</section>
<section aria-labelledby="maint"><h2 id="maint">Maintenance</h2>${
    inProgress.length || upcoming.length || cancelled.length
      ? [...inProgress, ...upcoming, ...cancelled].map((m) => maintenanceCard(m, byId, data.now))
      : html`<p class="empty">No maintenance in progress or scheduled.</p>`
  }</section>
<section aria-labelledby="components"><h2 id="components">Components</h2>${componentsSection(data)}${data.components.length ? barKey(data.partialWeight) : ""}</section>
${subscribeSection(data)}
<p><a href="/status/history">View the incident history</a></p>`;
  return layout(data.page, `${data.page.name} status`, body);
}

/** /status/history and /status/history/page/N. */
export function renderHistoryPage(input: { page: PageInfo; components: PublicComponent[]; incidents: PublicIncident[]; pageNo: number; total: number; perPage: number }): string {
  const byId = new Map(input.components.map((c) => [c.id, c]));
  const pages = Math.max(1, Math.ceil(input.total / input.perPage));
  const href = (n: number) => (n === 1 ? "/status/history" : `/status/history/page/${n}`);
  const body = html`<h1>Incident history</h1><p class="meta">Page ${input.pageNo} of ${pages} · ${input.total} incidents</p>
<section aria-label="Incidents" style="margin-top:1rem">${
    input.incidents.length ? input.incidents.map((i) => incidentCard(i, byId, "h2", false)) : html`<p class="empty">No incidents to show.</p>`
  }</section>
<nav class="pager" aria-label="Pagination">${input.pageNo > 1 ? html`<a href="${href(input.pageNo - 1)}" rel="prev">← Newer incidents</a>` : html`<span></span>`}${
    input.pageNo < pages ? html`<a href="${href(input.pageNo + 1)}" rel="next">Older incidents →</a>` : html`<span></span>`
  }</nav>`;
  return layout(input.page, `Incident history · ${input.page.name} status`, body);
}

/** /status/incidents/[id]. */
export function renderIncidentPage(input: { page: PageInfo; components: PublicComponent[]; incident: PublicIncident }): string {
  const byId = new Map(input.components.map((c) => [c.id, c]));
  const body = html`<p><a href="/status">← Current status</a></p>${incidentCard(input.incident, byId, "h2")}`;
  return layout(input.page, `${input.incident.title} · ${input.page.name} status`, html`<h1 class="sr-only">Incident</h1>${body}`);
}

/** A short message page (subscription flows, not found). */
export function renderMessagePage(page: PageInfo, title: string, message: string, extra?: Html): string {
  return layout(page, `${title} · ${page.name} status`, html`<h1>${title}</h1><p>${message}</p>${extra ?? ""}<p><a href="/status">Back to the status page</a></p>`);
}
