import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { escalationState, type EscalationPolicy } from "@/lib/oncall/escalation";
import { escalationPolicy } from "@/lib/oncall/escalation-policy";
import type { Client } from "@/lib/oncall/queries";

export type EscalationPageView = {
  level: number;
  userId: string | null;
  at: string;
  role: Role;
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
      pages: { orderBy: [{ level: "asc" }, { role: "asc" }], select: { level: true, role: true, userId: true, at: true, dueAt: true, user: { select: { id: true, name: true } } } },
    },
  });
  if (!incident) throw new NotFoundError("Incident");
  const state = escalationState(incident, opts.policy ?? escalationPolicy(), now);
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
    pages: incident.pages.map((p) => {
      const prefix = `page:${incidentId}:${p.level}:${p.role}:`;
      return {
        level: p.level,
        userId: p.userId,
        at: p.at.toISOString(),
        role: p.role,
        dueAt: p.dueAt.toISOString(),
        user: p.user,
        channels: messages.filter((m) => m.dedupeKey?.startsWith(prefix)).map((m) => ({ channel: m.channel, status: m.status, attempts: m.attempts })),
      };
    }),
  };
}
