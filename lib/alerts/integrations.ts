import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { createIntegrationSchema, updateIntegrationSchema, type IntegrationKind } from "./schemas";

const KEY_PREFIX = "ogi_";

/** sha256 is enough for a 256-bit random key (no dictionary to attack). */
export const hashIntegrationKey = (key: string) => createHash("sha256").update(key).digest("hex");

export const integrationSelect = {
  id: true,
  name: true,
  kind: true,
  defaultComponentIds: true,
  severityMap: true,
  autoResolve: true,
  keyPrefix: true,
  heartbeatIntervalSec: true,
  lastPingAt: true,
  revokedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

function baseUrl() {
  const env = getEnv();
  return (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

/** A test alert a person can send from a shell to see the integration work (the same body shape the tool sends). */
function sampleBody(kind: "alertmanager" | "grafana") {
  const alert = {
    status: "firing",
    labels: { alertname: "OpsGateTest", severity: "warning" },
    annotations: { summary: "Test alert from curl", description: "Sent by hand to check the OpsGate integration" },
    startsAt: "2026-01-01T00:00:00Z",
    generatorURL: "http://prometheus.example/graph",
    fingerprint: "opsgate-test",
  };
  const base = { version: "4", groupKey: '{}:{alertname="OpsGateTest"}', status: "firing", receiver: "opsgate", externalURL: "http://alertmanager.example", alerts: [alert] };
  return JSON.stringify(kind === "grafana" ? { ...base, orgId: 1, title: "[FIRING:1] OpsGateTest", message: "Test alert from curl", state: "alerting" } : base);
}

const curlPost = (url: string, body: string) => `curl -X POST '${url}' -H 'Content-Type: application/json' -d '${body}'`;

/**
 * The ready-to-paste URL, the config snippet for the kind (Alertmanager
 * `receivers:` YAML, Grafana contact point, PagerDuty Events v2 settings) and
 * a curl command that sends a test alert. The key appears only in the create
 * response.
 */
export function integrationSetup(kind: IntegrationKind, name: string, key: string, base = baseUrl()): { url: string; snippet: string; curl: string } {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "opsgate";
  switch (kind) {
    case "alertmanager": {
      const url = `${base}/api/alerts/alertmanager/${key}`;
      const snippet = [
        "receivers:",
        `  - name: opsgate-${slug}`,
        "    webhook_configs:",
        `      - url: ${base}/api/alerts/alertmanager`,
        "        send_resolved: true",
        "        http_config:",
        "          authorization:",
        `            credentials: ${key}`,
        "# or, without http_config: url: " + url,
      ].join("\n");
      return { url, snippet, curl: curlPost(url, sampleBody("alertmanager")) };
    }
    case "grafana": {
      const url = `${base}/api/alerts/grafana/${key}`;
      return { url, snippet: `Alerting → Contact points → New contact point\n  Integration: Webhook\n  URL: ${url}\n  HTTP Method: POST`, curl: curlPost(url, sampleBody("grafana")) };
    }
    case "pagerduty": {
      const url = `${base}/api/alerts/pagerduty/v2/enqueue`;
      const body = JSON.stringify({ routing_key: key, event_action: "trigger", dedup_key: "disk-full-db1", payload: { summary: "Disk full on db1", source: "db1", severity: "critical" } });
      return { url, snippet: `Events API v2 URL: ${url}\nIntegration (routing) key: ${key}`, curl: curlPost(url, body) };
    }
    case "generic": {
      const url = `${base}/api/alerts/generic/${key}`;
      const body = JSON.stringify({ title: "Disk full on db1", status: "firing", dedupKey: "disk-full-db1", severity: "critical" });
      return { url, snippet: `POST ${url}\nContent-Type: application/json\n{"title", "status": "firing"|"resolved", "dedupKey", "severity"?, "startsAt"?, "description"?, "component"?, "labels"?}`, curl: curlPost(url, body) };
    }
    case "heartbeat": {
      const url = `${base}/api/alerts/heartbeat/${key}`;
      return { url, snippet: `# ping at least once per interval, e.g. from cron:\n*/1 * * * * curl -fsS -X POST ${url}\n# or an Alertmanager Watchdog receiver with webhook_configs: [{url: ${url}}]`, curl: `curl -fsS -X POST '${url}'` };
    }
  }
}

async function assertComponents(client: Tx, ids: string[]) {
  const found = await client.component.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new ValidationError({ defaultComponentIds: "Unknown component" });
}

function mapUnique(err: unknown): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new ValidationError({ name: "An integration with this name exists" });
  throw err;
}

/** ARCHITECT creates an alert source; the key is returned once, only its hash is stored. */
export async function createIntegration({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "integrations.manage");
  const data = parseInput(createIntegrationSchema, input);
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  return db
    .$transaction(async (tx) => {
      await assertComponents(tx, data.defaultComponentIds);
      const row = await tx.integration.create({
        data: {
          name: data.name,
          kind: data.kind,
          defaultComponentIds: [...new Set(data.defaultComponentIds)],
          severityMap: data.severityMap,
          autoResolve: data.autoResolve,
          heartbeatIntervalSec: data.heartbeatIntervalSec ?? null,
          keyHash: hashIntegrationKey(key),
          keyPrefix: key.slice(0, 8),
          createdById: actor.id,
        },
        select: integrationSelect,
      });
      await audit(tx, { actor, action: "integration.created", entity: "Integration", entityId: row.id, data: { name: row.name, kind: row.kind, defaultComponentIds: row.defaultComponentIds, autoResolve: row.autoResolve } });
      return { ...row, key, ...integrationSetup(row.kind, row.name, key) };
    })
    .catch(mapUnique);
}

export async function updateIntegration({ actor, id, input }: { actor: Actor; id: string; input: unknown }) {
  assertCan(actor, "integrations.manage");
  const patch = parseInput(updateIntegrationSchema, input);
  return db
    .$transaction(async (tx) => {
      const before = await tx.integration.findUnique({ where: { id }, select: integrationSelect });
      if (!before || before.revokedAt) throw new NotFoundError("Integration");
      if (patch.version !== undefined && patch.version !== before.version) throw new ConflictError();
      if (patch.heartbeatIntervalSec !== undefined && before.kind !== "heartbeat") throw new ValidationError({ heartbeatIntervalSec: "Only heartbeat integrations have an interval" });
      if (patch.defaultComponentIds) await assertComponents(tx, patch.defaultComponentIds);
      const { version: _v, ...fields } = patch;
      void _v;
      const { count } = await tx.integration.updateMany({ where: { id, version: before.version }, data: { ...fields, version: { increment: 1 } } });
      if (count !== 1) throw new ConflictError();
      const after = await tx.integration.findUniqueOrThrow({ where: { id }, select: integrationSelect });
      await audit(tx, { actor, action: "integration.updated", entity: "Integration", entityId: id, data: { before, after } });
      return after;
    })
    .catch(mapUnique);
}

/** Revoking is final: the key stops working at once (404, like an unknown key). */
export async function revokeIntegration({ actor, id, now = new Date() }: { actor: Actor; id: string; now?: Date }) {
  assertCan(actor, "integrations.manage");
  return db.$transaction(async (tx) => {
    const row = await tx.integration.findUnique({ where: { id }, select: { id: true, name: true, revokedAt: true } });
    if (!row || row.revokedAt) throw new NotFoundError("Integration");
    await tx.integration.update({ where: { id }, data: { revokedAt: now, version: { increment: 1 } } });
    await audit(tx, { actor, action: "integration.revoked", entity: "Integration", entityId: id, at: now, data: { name: row.name } });
    return { id, revokedAt: now };
  });
}

export function listIntegrations(actor: Actor) {
  assertCan(actor, "integrations.manage");
  return db.integration.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }], select: integrationSelect });
}

export type IngestIntegration = { id: string; name: string; kind: IntegrationKind; defaultComponentIds: string[]; severityMap: Record<string, string>; autoResolve: boolean; heartbeatIntervalSec: number | null; createdById: string };

/**
 * The active integration a key names, or null for an unknown, revoked or
 * wrong-kind key (the endpoints answer all three with the same 404). The
 * stored hash is compared in constant time.
 */
export async function integrationForKey(key: string | null | undefined, kind: IntegrationKind): Promise<IngestIntegration | null> {
  if (!key || !key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const hash = hashIntegrationKey(key);
  // raw: it runs for every ingest request (no ORM query planning)
  const [row] = await db.$queryRaw<
    { id: string; name: string; kind: IntegrationKind; keyHash: string; defaultComponentIds: string[]; severityMap: unknown; autoResolve: boolean; heartbeatIntervalSec: number | null; revokedAt: Date | null; createdById: string }[]
  >`SELECT id, name, kind::text AS kind, "keyHash", "defaultComponentIds", "severityMap", "autoResolve", "heartbeatIntervalSec", "revokedAt", "createdById" FROM "Integration" WHERE "keyHash" = ${hash}`;
  if (!row || !timingSafeEqual(Buffer.from(row.keyHash, "hex"), Buffer.from(hash, "hex")) || row.revokedAt || row.kind !== kind) return null;
  const { keyHash: _k, revokedAt: _r, severityMap, ...rest } = row;
  void _k;
  void _r;
  return { ...rest, severityMap: (severityMap ?? {}) as Record<string, string> };
}
