import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { EscalationPolicy } from "@/lib/oncall/escalation";
import { loadEscalationPolicy } from "@/lib/oncall/escalation-policy";
import { pageKey } from "@/lib/oncall/page-notice";
import { resolvePolicy } from "@/lib/oncall/policy";
import type { Client } from "@/lib/oncall/queries";

export type EscalationPageView = {
  level: number;
  userId: string | null;
  at: string;
  role: Role;
  /** "" for a rotation's on-call, "user:<id>" / "email:<address>" for a named person */
  targetKey: string;
  dueAt: string;
  user: { id: string; name: string } | null;
  /** delivery of the page's outbox messages (in_app, email, webhook, slack) */
  channels: { channel: string; status: string; attempts: number }[];
};

/** API.md's `escalation` object on GET /api/v1/incidents/{id} (plus role, dueAt, user, channels per page and `stopped`). */
export type IncidentEscalation = {
  level: number;
  acknowledgedAt: string | null;
  nextLevel: number | null;
  nextLevelAt: string | null;
  stopped: boolean;
  /** which ladder applies ("default", "severity:P1", "group:<name>") */
  policy: string;
  /** every level of that ladder for this incident, with its due instant */
  levels: { level: number; label: string; dueAt: string }[];
  pages: EscalationPageView[];
};

export async function getIncidentEscalation(incidentId: string, now: Date = new Date(), opts: { policy?: EscalationPolicy; client?: Client } = {}): Promise<IncidentEscalation> {
  const client = opts.client ?? db;
  const incident = await client.incident.findUnique({
    where: { id: incidentId },
    select: {
      declaredAt: true,
      acknowledgedAt: true,
      resolvedAt: true,
      severity: true,
      components: { select: { component: { select: { group: true } } } },
      pages: { orderBy: [{ level: "asc" }, { role: "asc" }, { targetKey: "asc" }], select: { level: true, role: true, targetKey: true, userId: true, at: true, dueAt: true, user: { select: { id: true, name: true } } } },
    },
  });
  if (!incident) throw new NotFoundError("Incident");
  const resolved = resolvePolicy(opts.policy ?? (await loadEscalationPolicy(client)), { ...incident, componentGroups: incident.components.map((c) => c.component.group) }, now);
  const state = resolved.state;
  const messages = incident.pages.length
    ? await client.outboxMessage.findMany({
        where: { dedupeKey: { startsWith: `page:${incidentId}:` } },
        select: { dedupeKey: true, channel: true, status: true, attempts: true },
      })
    : [];
  return {
    level: state.level,
    acknowledgedAt: incident.acknowledgedAt?.toISOString() ?? null,
    nextLevel: state.nextLevel,
    nextLevelAt: state.nextLevelAt?.toISOString() ?? null,
    stopped: state.stopped,
    policy: resolved.source,
    levels: resolved.levels.map((l) => ({ level: l.level, label: l.label, dueAt: l.dueAt.toISOString() })),
    pages: incident.pages.map((p) => {
      const prefix = pageKey(incidentId, p.level, p.role, p.targetKey);
      return {
        level: p.level,
        userId: p.userId,
        at: p.at.toISOString(),
        role: p.role,
        targetKey: p.targetKey,
        dueAt: p.dueAt.toISOString(),
        user: p.user,
        channels: messages.filter((m) => m.dedupeKey?.startsWith(prefix)).map((m) => ({ channel: m.channel, status: m.status, attempts: m.attempts })),
      };
    }),
  };
}
