import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as changeApprovals from "../../app/api/v1/changes/[id]/approvals/route";
import * as changeChecklist from "../../app/api/v1/changes/[id]/checklist/route";
import * as changeOne from "../../app/api/v1/changes/[id]/route";
import * as changeTransition from "../../app/api/v1/changes/[id]/transition/route";
import * as changes from "../../app/api/v1/changes/route";
import * as componentOne from "../../app/api/v1/components/[id]/route";
import * as components from "../../app/api/v1/components/route";
import * as incidentAck from "../../app/api/v1/incidents/[id]/acknowledge/route";
import * as incidentReopen from "../../app/api/v1/incidents/[id]/reopen/route";
import * as incidentResolve from "../../app/api/v1/incidents/[id]/resolve/route";
import * as incidentUpdates from "../../app/api/v1/incidents/[id]/updates/route";
import * as incidents from "../../app/api/v1/incidents/route";
import * as maintenanceNotify from "../../app/api/v1/maintenance/[id]/notify/route";
import * as maintenanceOne from "../../app/api/v1/maintenance/[id]/route";
import * as maintenance from "../../app/api/v1/maintenance/route";
import * as integrationOne from "../../app/api/v1/integrations/[id]/route";
import * as integrations from "../../app/api/v1/integrations/route";
import * as kpiCosts from "../../app/api/v1/kpis/costs/route";
import * as notificationsRead from "../../app/api/v1/notifications/read/route";
import * as overrideOne from "../../app/api/v1/overrides/[id]/route";
import * as overrides from "../../app/api/v1/overrides/route";
import * as rotationOne from "../../app/api/v1/rotations/[id]/route";
import * as rotations from "../../app/api/v1/rotations/route";
import { createIntegration } from "../../lib/alerts/integrations";
import { ROLES } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { createComponent, createUser, uid } from "../support/factories";

/*
 * Issue 11, hole 8: fast-check over every mutating /api/v1 route, called
 * in-process as the real handlers. 24 routes × 260 payloads = 6,240 requests:
 * never a 5xx, and a refused request (any non-2xx) changes no row.
 */

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const RUNS_PER_ROUTE = 260;

// The most-privileged role (first in ROLES), so payloads get past authorization to validation and the domain rules.
const TOP_ROLE = ROLES[0];
let token = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  const actor: Actor = await createUser(TOP_ROLE);
  token = (await createApiToken({ actor, input: { name: "fuzz" } })).secret;
  const comp = await createComponent(TOP_ROLE);
  ids.component = comp.id;
  const now = new Date();
  ids.change = (await db.changeRequest.create({ data: { type: "Modify", componentId: comp.id, description: "fuzz", justification: "fuzz", timeline: now, impact: "fuzz", requesterId: actor.id } })).id;
  ids.incident = (await db.incident.create({ data: { title: `Fuzz ${uid()}`, severity: "P3", impact: "x", currentAction: "x", declaredById: actor.id, declaredAt: now, lastUpdateAt: now, components: { create: [{ componentId: comp.id }] } } })).id;
  ids.maintenance = (
    await db.maintenanceWindow.create({
      data: { title: `Fuzz ${uid()}`, windowStart: new Date(now.getTime() + 86_400_000), windowEnd: new Date(now.getTime() + 90_000_000), type: "Upgrade", impact: "x", rollback: "Available", contact: "x", createdById: actor.id, components: { create: [{ componentId: comp.id }] } },
    })
  ).id;
  const rotation = await db.rotation.create({ data: { name: `Fuzz ${uid()}`, role: TOP_ROLE, anchorAt: now, members: { create: [{ userId: actor.id, position: 0 }] } } });
  ids.rotation = rotation.id;
  ids.override = (await db.rotationOverride.create({ data: { rotationId: rotation.id, userId: actor.id, startsAt: new Date(now.getTime() + 3_600_000), endsAt: new Date(now.getTime() + 7_200_000), createdById: actor.id } })).id;
  ids.user = actor.id;
  ids.integration = (await createIntegration({ actor, input: { name: `Fuzz ${uid()}`, kind: "alertmanager", defaultComponentIds: [comp.id] } })).id;
});

const routes: { name: string; handler: Handler; method: string; idOf?: string }[] = [
  { name: "POST /changes", handler: changes.POST, method: "POST" },
  { name: "PATCH /changes/:id", handler: changeOne.PATCH, method: "PATCH", idOf: "change" },
  { name: "POST /changes/:id/checklist", handler: changeChecklist.POST, method: "POST", idOf: "change" },
  { name: "POST /changes/:id/approvals", handler: changeApprovals.POST, method: "POST", idOf: "change" },
  { name: "POST /changes/:id/transition", handler: changeTransition.POST, method: "POST", idOf: "change" },
  { name: "POST /components", handler: components.POST, method: "POST" },
  { name: "PATCH /components/:id", handler: componentOne.PATCH, method: "PATCH", idOf: "component" },
  { name: "POST /incidents", handler: incidents.POST, method: "POST" },
  { name: "POST /incidents/:id/acknowledge", handler: incidentAck.POST, method: "POST", idOf: "incident" },
  { name: "POST /incidents/:id/updates", handler: incidentUpdates.POST, method: "POST", idOf: "incident" },
  { name: "POST /incidents/:id/resolve", handler: incidentResolve.POST, method: "POST", idOf: "incident" },
  { name: "POST /incidents/:id/reopen", handler: incidentReopen.POST, method: "POST", idOf: "incident" },
  { name: "POST /maintenance", handler: maintenance.POST, method: "POST" },
  { name: "PATCH /maintenance/:id", handler: maintenanceOne.PATCH, method: "PATCH", idOf: "maintenance" },
  { name: "POST /maintenance/:id/notify", handler: maintenanceNotify.POST, method: "POST", idOf: "maintenance" },
  { name: "POST /notifications/read", handler: notificationsRead.POST, method: "POST" },
  { name: "POST /rotations", handler: rotations.POST, method: "POST" },
  { name: "PATCH /rotations/:id", handler: rotationOne.PATCH, method: "PATCH", idOf: "rotation" },
  { name: "POST /overrides", handler: overrides.POST, method: "POST" },
  { name: "DELETE /overrides/:id", handler: overrideOne.DELETE, method: "DELETE", idOf: "override" },
  { name: "POST /integrations", handler: integrations.POST, method: "POST" },
  { name: "PATCH /integrations/:id", handler: integrationOne.PATCH, method: "PATCH", idOf: "integration" },
  { name: "DELETE /integrations/:id", handler: integrationOne.DELETE, method: "DELETE", idOf: "integration" },
  { name: "POST /kpis/costs", handler: kpiCosts.POST, method: "POST" },
];

const FIELDS = [
  "title", "severity", "impact", "componentIds", "componentId", "currentAction", "message", "public", "status", "eta", "resolution",
  "description", "justification", "timeline", "type", "riskLevel", "riskAssessment", "rollbackPlan", "monitoring", "plannedStart", "plannedEnd",
  "version", "event", "to", "decision", "comment", "item", "done", "evidence", "name", "group", "ownerRole", "position",
  "windowStart", "windowEnd", "rollback", "contact", "changeIds", "shiftMinutes", "handoffMinuteUtc", "anchorAt", "memberIds", "role",
  "userId", "startsAt", "endsAt", "reason", "rotationId", "ids", "componentStatus", "structural",
  "kind", "defaultComponentIds", "severityMap", "autoResolve", "heartbeatIntervalSec", "alertMatchers", "iacManaged", "iacRepository",
  "month", "amount", "currency", "note", "entries",
];

const nastyString = fc.oneof(
  fc.constantFrom("a\u0000b", "\u0000", "\ud800", "x\udfff", "0000-01-01", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+275760-09-13T00:00:00Z", "-000001-01-01", "2026-02-30", "NaN", "", " ", "%00", "../../etc", "<script>alert(1)</script>", "'; DROP TABLE \"User\"; --", "🚀".repeat(150), "x".repeat(70_000)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString())),
);
const leaf = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(...["P1", "P4", "Low", "High", "Modify", "Upgrade", "Available", "Resolved", "approve", "reject", "submit", "cancel", "generic"]));
const realId = fc.constantFrom("component", "change", "incident", "maintenance", "rotation", "override", "user", "integration").map((k) => ids[k]);
const value = fc.oneof({ weight: 6, arbitrary: leaf }, { weight: 2, arbitrary: realId }, { weight: 2, arbitrary: fc.array(fc.oneof(leaf, realId), { maxLength: 4 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 3 }) });
const payload = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }).map((o) => ({ type: "application/json", body: JSON.stringify(o) })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: "application/json", body: JSON.stringify(v) })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => ({ type: "application/json", body: `{${s}` })) },
  { weight: 1, arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "").map((type) => ({ type, body: '{"title":"x"}' })) },
);
const idArb = (kind: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(ids[kind]) }, { weight: 1, arbitrary: fc.constantFrom("\u0000", "%00", "\ud800", "x".repeat(300), "nope", "a\nb", "../x") }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });

/** Everything a request could change, in one query. */
async function fingerprint() {
  const [row] = await db.$queryRaw<Record<string, bigint>[]>`SELECT
    (SELECT count(*) FROM "AuditLog") AS audit, (SELECT count(*) FROM "ChangeRequest") AS changes, (SELECT coalesce(sum(version), 0) FROM "ChangeRequest") AS cv,
    (SELECT count(*) FROM "Incident") AS incidents, (SELECT coalesce(sum(version), 0) FROM "Incident") AS iv, (SELECT count(*) FROM "IncidentUpdate") AS updates,
    (SELECT count(*) FROM "MaintenanceWindow") AS windows, (SELECT coalesce(sum(version), 0) FROM "MaintenanceWindow") AS mv,
    (SELECT count(*) FROM "Component") AS components, (SELECT count(*) FROM "Rotation") AS rotations, (SELECT count(*) FROM "RotationOverride") AS overrides,
    (SELECT count(*) FROM "ChangeApproval") AS approvals, (SELECT count(*) FROM "ReadinessCheck") AS checks, (SELECT count(*) FROM "OutboxMessage") AS outbox,
    (SELECT count(*) FROM "Notification" WHERE "readAt" IS NULL) AS unread,
    (SELECT count(*) FROM "Integration") AS integrations, (SELECT coalesce(sum(version), 0) FROM "Integration") AS intv, (SELECT count(*) FROM "Integration" WHERE "revokedAt" IS NOT NULL) AS revoked,
    (SELECT count(*) FROM "CostEntry") AS costs, (SELECT coalesce(sum("amountCents"), 0) FROM "CostEntry") AS costsum, (SELECT count(*) FROM "CostEntry" WHERE "updatedAt" > "createdAt") AS costedits`;
  return JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("fuzzed mutating routes", () => {
  let total = 0;
  for (const route of routes) {
    // generous: the embedded database (PGlite, one query at a time) is several times slower than PostgreSQL
    it(`${route.name}: no 5xx, refused requests change nothing`, { timeout: 120_000 }, async () => {
      let last = await fingerprint(); // one fingerprint per request: the state after one request is the state before the next
      await fc.assert(
        fc.asyncProperty(payload, route.idOf ? idArb(route.idOf) : fc.constant(""), async (p, id) => {
          const before = last;
          const path = `http://t/api/v1/fuzz${id ? "/id" : ""}`; // the handler reads the id from params, as Next passes it (decoded)
          const headers: Record<string, string> = { authorization: `Bearer ${token}` };
          const req = new Request(path, { method: route.method, headers, body: new Blob([p.body], { type: p.type }) });
          const params: Record<string, string> = route.idOf ? { id } : {};
          const res = await route.handler(req, { params: Promise.resolve(params) });
          total++;
          expect(res.status, `${route.name} ${p.type} ${p.body.slice(0, 200)} id=${JSON.stringify(id)}`).toBeLessThan(500);
          last = await fingerprint();
          if (res.status >= 300) expect(last, `${route.name} refused with ${res.status} but changed rows: ${p.body.slice(0, 200)}`).toBe(before);
          await res.body?.cancel();
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 11_2026 + routes.indexOf(route) },
      );
    });
  }
  it("ran at least 5,000 payloads", () => {
    expect(total).toBeGreaterThanOrEqual(5000);
  });
});
