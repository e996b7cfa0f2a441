/**
 * One dispatcher for every public path, used three ways:
 *  - the snapshot builder renders the HOT set from one data read (snapshot.ts),
 *  - Next route handlers render any path on demand (cold paths, or when the
 *    front server is not running),
 *  - the static export writes all of them to a directory.
 * So the bytes are the same whoever serves them.
 */
import { getPublicIncident, getPublicMaintenance, HISTORY_PAGE_SIZE, listPublicComponents, listPublicIncidents, loadPublicStatus, countPublicIncidents, pageInfo } from "@/lib/status/queries";
import type { PublicStatusData } from "@/lib/status/public-types";
import { renderAtom, renderBadge, renderIcs } from "@/lib/status/render/feeds";
import { renderHistoryPage, renderIncidentPage, renderMessagePage, renderStatusPage } from "@/lib/status/render/pages";
import { buildV2, buildV2ById, pageUpdatedAt, v2IncidentDocument, v2MaintenanceDocument, V2_INCIDENT_PATH, V2_MAINTENANCE_PATH, V2_NAMES, type V2Name } from "@/lib/status/statuspage-v2";

export type PublicResponse = { status: number; type: string; body: string };

export const HTML = "text/html; charset=utf-8";
export const JSON_TYPE = "application/json; charset=utf-8";
export const ATOM = "application/atom+xml; charset=utf-8";
export const ICS = "text/calendar; charset=utf-8";
export const SVG = "image/svg+xml; charset=utf-8";
export const CACHE_CONTROL = "public, max-age=0, s-maxage=5, must-revalidate";

export const V2_PATHS = V2_NAMES.map((n) => `/api/v2/${n}`);

const ok = (type: string, body: string): PublicResponse => ({ status: 200, type, body });

export function notFoundPage(): PublicResponse {
  return { status: 404, type: HTML, body: renderMessagePage(pageInfo(), "Not found", "There is no such page on the status site.") };
}

/** Badge key: `/status/badge.svg` or `/status/badge.svg?component=<id or lower-cased name>`. */
export function badgeKey(component: string | null | undefined): string {
  return component ? `/status/badge.svg?component=${component.toLowerCase()}` : "/status/badge.svg";
}

/**
 * Every response computable from one `loadPublicStatus` read, keyed by
 * path (badges by badgeKey). This is the snapshot.
 */
export function renderHot(data: PublicStatusData): Map<string, PublicResponse> {
  const out = new Map<string, PublicResponse>();
  out.set("/status", ok(HTML, renderStatusPage(data)));
  out.set(
    "/status/history",
    ok(HTML, renderHistoryPage({ page: data.page, components: data.components, incidents: data.recentIncidents.slice(0, HISTORY_PAGE_SIZE), pageNo: 1, total: data.historyTotal, perPage: HISTORY_PAGE_SIZE })),
  );
  const seen = new Set<string>();
  for (const i of [...data.activeIncidents, ...data.recentIncidents]) {
    if (seen.has(i.id)) continue;
    seen.add(i.id);
    out.set(`/status/incidents/${i.id}`, ok(HTML, renderIncidentPage({ page: data.page, components: data.components, incident: i })));
  }
  out.set("/status/feed.atom", ok(ATOM, renderAtom(data)));
  out.set("/status/maintenance.ics", ok(ICS, renderIcs(data)));
  out.set(badgeKey(null), ok(SVG, renderBadge(data) ?? ""));
  for (const c of data.components) {
    const svg = renderBadge(data, c.id) ?? "";
    out.set(badgeKey(c.id), ok(SVG, svg));
    out.set(badgeKey(c.name), ok(SVG, svg));
  }
  const v2 = buildV2(data);
  for (const name of V2_NAMES) out.set(`/api/v2/${name}`, ok(JSON_TYPE, JSON.stringify(v2[name])));
  for (const [path, doc] of buildV2ById(data)) out.set(path, ok(JSON_TYPE, JSON.stringify(doc)));
  return out;
}

/** Renders one public path on demand (Next route handlers). */
export async function renderPublicPath(pathname: string, search: URLSearchParams, now = new Date()): Promise<PublicResponse> {
  const path = pathname.replace(/\/+$/, "") || "/";
  const history = /^\/status\/history\/page\/(\d{1,6})$/.exec(path);
  if (history) {
    const pageNo = Number(history[1]);
    const [components, incidents, total] = await Promise.all([listPublicComponents(), listPublicIncidents(pageNo), countPublicIncidents()]);
    if (pageNo < 1 || (pageNo > 1 && !incidents.length)) return notFoundPage();
    return ok(HTML, renderHistoryPage({ page: pageInfo(), components, incidents, pageNo, total, perPage: HISTORY_PAGE_SIZE }));
  }
  const incident = /^\/status\/incidents\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (incident) {
    const [components, found] = await Promise.all([listPublicComponents(), getPublicIncident(incident[1])]);
    if (!found) return notFoundPage();
    return ok(HTML, renderIncidentPage({ page: pageInfo(), components, incident: found }));
  }
  const isV2 = path.startsWith("/api/v2/") && (V2_NAMES as string[]).includes(path.slice("/api/v2/".length));
  const v2Incident = isV2 ? null : V2_INCIDENT_PATH.exec(path);
  const v2Maintenance = isV2 ? null : V2_MAINTENANCE_PATH.exec(path);
  if (v2Incident || v2Maintenance) {
    // Any public incident or window by id, also those older than the snapshot's recent set.
    const data = await loadPublicStatus(now);
    const hot = buildV2ById(data).get(path);
    if (hot) return ok(JSON_TYPE, JSON.stringify(hot));
    const notFound: PublicResponse = { status: 404, type: JSON_TYPE, body: JSON.stringify({ error: "Not found" }) };
    if (v2Incident) {
      const i = await getPublicIncident(v2Incident[1]);
      return i ? ok(JSON_TYPE, JSON.stringify(v2IncidentDocument(i, data, pageUpdatedAt(data)))) : notFound;
    }
    const m = v2Maintenance ? await getPublicMaintenance(v2Maintenance[1]) : null;
    return m ? ok(JSON_TYPE, JSON.stringify(v2MaintenanceDocument(m, data, pageUpdatedAt(data)))) : notFound;
  }
  const hotPath = ["/status", "/status/history", "/status/feed.atom", "/status/maintenance.ics", "/status/badge.svg"].includes(path);
  if (!isV2 && !hotPath) return notFoundPage();
  const data = await loadPublicStatus(now);
  if (isV2) return ok(JSON_TYPE, JSON.stringify(buildV2(data)[path.slice("/api/v2/".length) as V2Name]));
  if (path === "/status/badge.svg") {
    const svg = renderBadge(data, search.get("component"));
    return svg === null ? { status: 404, type: SVG, body: renderBadge(data, null) ?? "" } : ok(SVG, svg);
  }
  const hot = renderHot(data).get(path);
  return hot ?? notFoundPage();
}

/**
 * CORS for the public read-only surfaces (status pages, Statuspage v2 JSON,
 * feeds, badges): any origin may read them, so embedded status widgets work.
 * Never sent on /api/v1, auth, the subscribe forms or dashboard routes. The
 * one list both the front server and the Next handlers use.
 */
export function isPublicReadOnlyPath(pathname: string): boolean {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (p.startsWith("/api/v2/")) return true;
  if (p === "/status/subscribe" || p.startsWith("/status/subscribe/") || p === "/status/unsubscribe" || p.startsWith("/status/unsubscribe/")) return false;
  return p === "/status" || p.startsWith("/status/");
}

export const PUBLIC_CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag, Last-Modified, Content-Length",
} as const;

/** Preflight answer (OPTIONS) on a public read-only path. */
export const PUBLIC_PREFLIGHT_HEADERS = {
  ...PUBLIC_CORS_HEADERS,
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since, Cache-Control",
  "access-control-max-age": "86400",
  allow: "GET, HEAD, OPTIONS",
} as const;

/** A Response for Next route handlers. */
export function toResponse(r: PublicResponse): Response {
  return new Response(r.body, { status: r.status, headers: { "content-type": r.type, "cache-control": CACHE_CONTROL, ...PUBLIC_CORS_HEADERS } });
}

/** The OPTIONS handler of every public Next route (CORS preflight). */
export function publicOptions(): Response {
  return new Response(null, { status: 204, headers: PUBLIC_PREFLIGHT_HEADERS });
}

/** The GET handler of every public Next route: same renderer as the snapshots. */
export async function publicGet(req: Request): Promise<Response> {
  const u = new URL(req.url);
  return toResponse(await renderPublicPath(u.pathname, u.searchParams));
}
