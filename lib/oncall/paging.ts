import "server-only";
import { audit, type AuditEntry } from "@/lib/audit";
import type { Role } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";
import { escalationPages, pageLatency } from "@/lib/metrics/instruments";
import { escalationState, levelDueAt, rolesForLevel, type EscalationPolicy } from "@/lib/oncall/escalation";
import { escalationPolicy } from "@/lib/oncall/escalation-policy";
import { loadRotations, rotationByRole, usersById } from "@/lib/oncall/queries";
import { onCallAt } from "@/lib/oncall/schedule";

export type PageResult = { level: number; role: Role; userId: string | null };

type LockedIncident = {
  id: string;
  title: string;
  severity: string;
  status: string;
  declaredAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
};

/**
 * Pages every escalation level due for the incident that has not been paged
 * yet, inside the caller's transaction. Idempotent and multi-instance safe:
 *  - the incident row is locked (FOR UPDATE; with `skipLocked`, an incident
 *    another instance is paging is skipped and `null` returned), so an
 *    acknowledge racing a tick is seen before paging;
 *  - the page rows are inserted with ON CONFLICT DO NOTHING on the unique key
 *    (incidentId, level, role), and only rows this call inserted are notified
 *    and audited (one audit row per call listing its pages), so a level is
 *    paged exactly once even if two calls overlap;
 *  - the page row, its outbox messages and the audit row share the caller's
 *    transaction: a rollback leaves nothing, and the next tick pages it.
 * Level 3 pages the on-call of each distinct owner role of the incident's
 * components (one row per role). A role with no rotation or an empty one still
 * gets its row (userId null) so webhooks hear about it and the tick moves on.
 */
export async function pageDueLevels(
  tx: Tx,
  incidentId: string,
  now: Date,
  opts: {
    policy?: EscalationPolicy;
    skipLocked?: boolean;
    /** collect the audit row here instead of writing it (the caller writes it last, so the audit lock is held briefly) */
    audits?: AuditEntry[];
  } = {},
): Promise<PageResult[] | null> {
  const lock = opts.skipLocked ? "FOR UPDATE SKIP LOCKED" : "FOR UPDATE";
  const rows = await tx.$queryRawUnsafe<LockedIncident[]>(
    `SELECT id, title, severity::text AS severity, status::text AS status, "declaredAt", "acknowledgedAt", "resolvedAt"
       FROM "Incident" WHERE id = $1 ${lock}`,
    incidentId,
  );
  const incident = rows[0];
  if (!incident) return null;
  if (incident.status === "Resolved") return [];
  const policy = opts.policy ?? escalationPolicy();
  const state = escalationState(incident, policy, now);
  if (!state.due.length) return [];

  const existing = await tx.escalationPage.findMany({ where: { incidentId }, select: { level: true, role: true } });
  const paged = new Set(existing.map((p) => `${p.level}:${p.role}`));
  const ownerRoles = state.due.includes(3)
    ? (await tx.incidentComponent.findMany({ where: { incidentId }, select: { component: { select: { ownerRole: true } } } })).map((c) => c.component.ownerRole)
    : [];
  const wanted = state.due.flatMap((level) => rolesForLevel(level, ownerRoles).filter((role) => !paged.has(`${level}:${role}`)).map((role) => ({ level, role })));
  if (!wanted.length) return [];

  // Who is on call now for every role needed, in two queries.
  const rotations = rotationByRole(await loadRotations(tx, { roles: [...new Set(wanted.map((w) => w.role))], from: now, to: new Date(now.getTime() + 1) }));
  const onCall = new Map<Role, string | null>();
  for (const { role } of wanted) {
    const rotation = rotations.get(role);
    const res = rotation ? onCallAt(rotation, rotation.overrides, now) : null;
    onCall.set(role, res?.ok ? res.userId : null);
  }
  const users = await usersById(tx, [...onCall.values()].filter((id): id is string => !!id));

  const inserted = await tx.escalationPage.createManyAndReturn({
    data: wanted.map(({ level, role }) => ({ incidentId, level, role, userId: onCall.get(role) ?? null, dueAt: levelDueAt(incident.declaredAt, level, policy), at: now })),
    skipDuplicates: true,
    select: { id: true, level: true, role: true, userId: true, dueAt: true },
  });
  // Only rows this call inserted are announced: a concurrent insert of the same key is a no-op here.
  const results: PageResult[] = [];
  for (const page of inserted.sort((a, b) => a.level - b.level || a.role.localeCompare(b.role))) {
    const user = page.userId ? users.get(page.userId) : undefined;
    const who = user ? `${user.name} (${page.role} on call)` : `nobody (no one is on call for ${page.role})`;
    await notify(
      tx,
      user ? [user.id] : [],
      {
        title: `Paged · level ${page.level} · ${incident.severity} ${incident.title}`,
        body: `Incident "${incident.title}" (${incident.severity}) has not been acknowledged. Escalation level ${page.level} pages ${who}.`,
        link: `/incidents/${incidentId}`,
        event: "incident.paged",
        data: { incidentId, level: page.level, role: page.role, userId: page.userId, dueAt: page.dueAt.toISOString(), pagedAt: now.toISOString() },
        dedupeKey: `page:${incidentId}:${page.level}:${page.role}`,
      },
      now,
    );
    results.push({ level: page.level, role: page.role, userId: page.userId });
    // Counted inside the transaction: a rollback after this point (rare) leaves the observation.
    escalationPages().inc({ level: String(page.level) });
    pageLatency().observe(Math.max(0, (now.getTime() - page.dueAt.getTime()) / 1000));
  }
  if (results.length) {
    const entry: AuditEntry = {
      actor: { system: "escalation" },
      action: "incident.paged",
      entity: "Incident",
      entityId: incidentId,
      at: now,
      data: { pagedAt: now, pages: inserted.map((p) => ({ pageId: p.id, level: p.level, role: p.role, userId: p.userId, dueAt: p.dueAt })) },
    };
    if (opts.audits) opts.audits.push(entry);
    else await audit(tx, entry);
  }
  return results;
}
