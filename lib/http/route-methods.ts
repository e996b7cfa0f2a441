/**
 * Which methods each /api route handler exports (issue 11, holes 7/10). Next
 * answers any other method with an empty 405; proxy.ts answers it as JSON with
 * `Allow` instead, also when Next serves directly (OPSGATE_STATUS_FRONT=false).
 * Pure. route-methods.test.ts checks this table against every app/api route.ts,
 * so it cannot drift from the handlers.
 */
export const API_ROUTE_METHODS: Record<string, readonly string[]> = {
  "/api/alerts/alertmanager": ["POST"],
  "/api/alerts/alertmanager/[key]": ["POST"],
  "/api/alerts/generic/[key]": ["POST"],
  "/api/alerts/grafana/[key]": ["POST"],
  "/api/alerts/heartbeat/[key]": ["GET", "POST"],
  "/api/alerts/pagerduty/v2/change/enqueue": ["POST"],
  "/api/alerts/pagerduty/v2/enqueue": ["POST"],
  "/api/auth/[...nextauth]": ["GET", "POST"],
  "/api/health": ["GET"],
  "/api/ready": ["GET"],
  "/api/v1/[...path]": ["DELETE", "GET", "PATCH", "POST", "PUT"],
  "/api/v1/audit": ["GET"],
  "/api/v1/change-templates": ["GET", "POST"],
  "/api/v1/change-templates/[id]": ["GET", "PATCH"],
  "/api/v1/change-templates/[id]/changes": ["POST"],
  "/api/v1/changes": ["GET", "POST"],
  "/api/v1/changes/[id]": ["GET", "PATCH"],
  "/api/v1/changes/[id]/approvals": ["POST"],
  "/api/v1/changes/[id]/checklist": ["POST"],
  "/api/v1/changes/[id]/deploy-events": ["POST"],
  "/api/v1/changes/[id]/deploy-gate": ["GET"],
  "/api/v1/changes/[id]/transition": ["POST"],
  "/api/v1/changes/cab": ["GET"],
  "/api/v1/changes/cab/agenda": ["GET"],
  "/api/v1/changes/emergency-overdue": ["GET"],
  "/api/v1/components": ["GET", "POST"],
  "/api/v1/components/[id]": ["GET", "PATCH"],
  "/api/v1/components/[id]/dependencies": ["GET", "PUT"],
  "/api/v1/escalation-policy": ["GET", "PUT"],
  "/api/v1/freezes": ["GET", "POST"],
  "/api/v1/handoffs": ["GET"],
  "/api/v1/handoffs/[id]/acknowledge": ["POST"],
  "/api/v1/incidents": ["GET", "POST"],
  "/api/v1/incidents/[id]": ["GET"],
  "/api/v1/incidents/[id]/acknowledge": ["POST"],
  "/api/v1/incidents/[id]/reopen": ["POST"],
  "/api/v1/incidents/[id]/resolve": ["POST"],
  "/api/v1/incidents/[id]/updates": ["POST"],
  "/api/v1/incidents/live": ["GET"],
  "/api/v1/integrations": ["GET", "POST"],
  "/api/v1/integrations/[id]": ["DELETE", "PATCH"],
  "/api/v1/kpis": ["GET"],
  "/api/v1/kpis/costs": ["GET", "POST"],
  "/api/v1/maintenance": ["GET", "POST"],
  "/api/v1/maintenance/[id]": ["GET", "PATCH"],
  "/api/v1/maintenance/[id]/cancel": ["POST"],
  "/api/v1/maintenance/[id]/notify": ["POST"],
  "/api/v1/notifications": ["GET"],
  "/api/v1/notifications/read": ["POST"],
  "/api/v1/oncall/now": ["GET"],
  "/api/v1/oncall/preview": ["GET"],
  "/api/v1/openapi.json": ["GET"],
  "/api/v1/overrides": ["GET", "POST"],
  "/api/v1/overrides/[id]": ["DELETE"],
  "/api/v1/postmortems": ["GET"],
  "/api/v1/postmortems/[id]": ["GET", "PATCH"],
  "/api/v1/postmortems/[id]/follow-ups": ["POST"],
  "/api/v1/postmortems/[id]/follow-ups/[actionId]": ["DELETE", "PATCH"],
  "/api/v1/postmortems/[id]/transition": ["POST"],
  "/api/v1/rotations": ["GET", "POST"],
  "/api/v1/rotations/[id]": ["DELETE", "GET", "PATCH"],
  "/api/v1/swaps": ["GET", "POST"],
  "/api/v1/swaps/[id]/accept": ["POST"],
  "/api/v1/swaps/[id]/cancel": ["POST"],
  "/api/v1/swaps/[id]/decline": ["POST"],
  "/api/v1/users": ["GET", "POST"],
  "/api/v1/users/[id]": ["PATCH"],
  "/api/v1/users/[id]/reset-password": ["POST"],
  "/api/v1/users/me": ["PATCH"],
  "/api/v1/users/me/password": ["POST"],
  "/api/v2/[...path]": ["GET"],
};

type Compiled = { pattern: string; methods: readonly string[]; rank: number[]; re: RegExp };

const compiled: Compiled[] = Object.entries(API_ROUTE_METHODS).map(([pattern, methods]) => {
  const segments = pattern.split("/").filter(Boolean);
  const rank = segments.map((s) => (s.startsWith("[...") ? 2 : s.startsWith("[") ? 1 : 0));
  const re = new RegExp(`^/${segments.map((s) => (s.startsWith("[...") ? ".+" : s.startsWith("[") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`);
  return { pattern, methods, rank, re };
});

/** Next's precedence per segment: static, then dynamic, then catch-all. */
function moreSpecific(a: number[], b: number[]) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 3;
    const y = b[i] ?? 3;
    if (x !== y) return x < y;
  }
  return false;
}

/** The methods the route serving `pathname` accepts (HEAD and OPTIONS with GET), or null when no /api route matches. */
export function allowedMethods(pathname: string): string[] | null {
  let best: Compiled | null = null;
  for (const c of compiled) if (c.re.test(pathname) && (!best || moreSpecific(c.rank, best.rank))) best = c;
  if (!best) return null;
  return [...best.methods, ...(best.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
}
