import "server-only";
import { audit, type AuditEntry } from "@/lib/audit";
import { ONCALL_ROLES, type Role } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/client";
import { enqueueRuleMessages, loadRulesFor } from "@/lib/contacts/deliver";
import { ackUrlFor } from "@/lib/incidents/ack-secret";
import { notify } from "@/lib/jobs/outbox";
import { escalationPages, pageLatency } from "@/lib/metrics/instruments";
import { rolesForTarget, type EscalationPolicy } from "@/lib/oncall/escalation";
import { loadEscalationPolicy } from "@/lib/oncall/escalation-policy";
import { resolvePolicy } from "@/lib/oncall/policy";
import { loadRotations, rotationByRole } from "@/lib/oncall/queries";
import { pageKey, pageNotice } from "@/lib/oncall/page-notice";
import { onCallAt } from "@/lib/oncall/schedule";

export type PageResult = { level: number; role: Role; userId: string | null; targetKey?: string };

type LockedIncident = {
  id: string;
  title: string;
  severity: string;
  status: string;
  declaredAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
};

type Wanted = { level: number; role: Role; targetKey: string; userId: string | null; email: string | null; dueAt: Date; why: string | null };

/**
 * Pages every escalation level due for the incident that has not been paged
 * yet, inside the caller's transaction. Idempotent and multi-instance safe:
 *  - the incident row is locked (FOR UPDATE; with `skipLocked`, an incident
 *    another instance is paging is skipped and `null` returned), so an
 *    acknowledge racing a tick is seen before paging;
 *  - a level with any page row is done (the ticker's SQL counts it so too):
 *    editing the policy never pages a level again;
 *  - the page rows are inserted with ON CONFLICT DO NOTHING on the unique key
 *    (incidentId, level, role, targetKey), and only rows this call inserted
 *    are notified and audited, so a level is paged exactly once even if two
 *    calls overlap;
 *  - the page row, its outbox messages and the audit row share the caller's
 *    transaction: a rollback leaves nothing, and the next tick pages it.
 * A component-owner level pages the on-call of each distinct owner role of the
 * incident's components, a human escalation level each named active person.
 * A role with no rotation, an empty one or a deactivated person on call still
 * gets its row (userId null) so webhooks hear about it and the tick moves on.
 * The paged person's messages carry a signed one-click acknowledge link, and
 * their notification rules due at once (delay 0) are enqueued here; the
 * `notification-rules` job sends the later ones.
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
  const policy = opts.policy ?? (await loadEscalationPolicy(tx));
  const components = (await tx.incidentComponent.findMany({ where: { incidentId }, select: { component: { select: { ownerRole: true, group: true } } } })).map((c) => c.component);
  const resolved = resolvePolicy(policy, { ...incident, componentGroups: components.map((c) => c.group) }, now);
  const due = resolved.levels.filter((l) => l.due);
  if (!due.length) return [];

  const pagedLevels = new Set((await tx.escalationPage.findMany({ where: { incidentId }, select: { level: true } })).map((p) => p.level));
  const todo = due.filter((l) => !pagedLevels.has(l.level));
  if (!todo.length) return [];

  const ownerRoles = components.map((c) => c.ownerRole);
  const roleTargets = todo.flatMap((l) => rolesForTarget(l.target, ownerRoles).map((role) => ({ l, role })));
  const rotations = roleTargets.length ? rotationByRole(await loadRotations(tx, { roles: [...new Set(roleTargets.map((t) => t.role))], from: now, to: new Date(now.getTime() + 1) })) : new Map();
  const named = todo.flatMap((l) => (l.target.kind === "people" ? l.target.userIds : []));
  const onCallIds = roleTargets.flatMap(({ role }) => {
    const r = rotations.get(role);
    const res = r ? onCallAt(r, r.overrides, now) : null;
    return res?.ok ? [res.userId] : [];
  });
  const users = new Map((await tx.user.findMany({ where: { id: { in: [...new Set([...named, ...onCallIds])] } }, select: { id: true, name: true, role: true, active: true } })).map((u) => [u.id, u]));

  const wanted: Wanted[] = todo.flatMap((l): Wanted[] => {
    if (l.target.kind === "people") {
      const people = l.target.userIds.flatMap((id): Wanted[] => {
        const u = users.get(id);
        // Deactivated (or deleted) people are skipped: they can no longer act on a page.
        return u?.active ? [{ level: l.level, role: u.role, targetKey: `user:${id}`, userId: id, email: null, dueAt: l.dueAt, why: `${u.name} (${l.label})` }] : [];
      });
      const contacts = l.target.emails.map((email): Wanted => ({ level: l.level, role: ONCALL_ROLES.final, targetKey: `email:${email}`, userId: null, email, dueAt: l.dueAt, why: `${email} (${l.label})` }));
      const all = [...people, ...contacts];
      // Everyone named is gone: the level still gets its row (nobody paged) so the ladder moves on.
      return all.length ? all : [{ level: l.level, role: ONCALL_ROLES.final, targetKey: "", userId: null, email: null, dueAt: l.dueAt, why: null }];
    }
    return rolesForTarget(l.target, ownerRoles).map((role): Wanted => {
      const r = rotations.get(role);
      const res = r ? onCallAt(r, r.overrides, now) : null;
      const u = res?.ok ? users.get(res.userId) : undefined;
      if (u && !u.active) return { level: l.level, role, targetKey: "", userId: null, email: null, dueAt: l.dueAt, why: `nobody (${u.name}, on call for ${role}, is deactivated)` };
      return { level: l.level, role, targetKey: "", userId: u?.id ?? null, email: null, dueAt: l.dueAt, why: u ? `${u.name} (${role} on call)` : null };
    });
  });

  const inserted = await tx.escalationPage.createManyAndReturn({
    data: wanted.map((w) => ({ incidentId, level: w.level, role: w.role, targetKey: w.targetKey, userId: w.userId, dueAt: w.dueAt, at: now })),
    skipDuplicates: true,
    select: { id: true, level: true, role: true, targetKey: true, userId: true, dueAt: true },
  });
  const labels = new Map(todo.map((l) => [l.level, l.label]));
  const rules = await loadRulesFor(tx, inserted.flatMap((p) => (p.userId ? [p.userId] : [])));
  // Only rows this call inserted are announced: a concurrent insert of the same key is a no-op here.
  const results: PageResult[] = [];
  for (const page of inserted.sort((a, b) => a.level - b.level || a.role.localeCompare(b.role) || a.targetKey.localeCompare(b.targetKey))) {
    const w = wanted.find((x) => x.level === page.level && x.role === page.role && x.targetKey === page.targetKey);
    const who = w?.why ?? `nobody (no one is on call for ${page.role})`;
    const key = pageKey(incidentId, page.level, page.role, page.targetKey);
    const label = labels.get(page.level);
    const data = { incidentId, level: page.level, role: page.role, userId: page.userId, targetKey: page.targetKey, dueAt: page.dueAt.toISOString(), pagedAt: now.toISOString() };
    // Team-wide webhooks hear about every page, without anyone's personal acknowledge link.
    await notify(tx, [], { ...pageNotice(incident, { level: page.level, label }, who, null), event: "incident.paged", data, dedupeKey: key.slice(0, -1) }, now);
    if (page.userId) {
      const ackUrl = ackUrlFor(incidentId, page.userId, now);
      await notify(tx, [page.userId], { ...pageNotice(incident, { level: page.level, label }, who, ackUrl), event: "incident.paged", data: { ...data, ackUrl }, dedupeKey: key.slice(0, -1) }, now, { hooks: false });
      await enqueueRuleMessages(tx, { incident, page: { ...page, at: now, label }, rules: rules.get(page.userId) ?? [], now, ackUrl });
    } else if (w?.email) {
      await notify(tx, [], { ...pageNotice(incident, { level: page.level, label }, who, null), event: "incident.paged", data, dedupeKey: key.slice(0, -1) }, now, { hooks: false, emails: [w.email] });
    }
    results.push({ level: page.level, role: page.role, userId: page.userId, ...(page.targetKey ? { targetKey: page.targetKey } : {}) });
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
      data: { pagedAt: now, policy: resolved.source, pages: inserted.map((p) => ({ pageId: p.id, level: p.level, role: p.role, targetKey: p.targetKey, userId: p.userId, dueAt: p.dueAt })) },
    };
    if (opts.audits) opts.audits.push(entry);
    else await audit(tx, entry);
  }
  return results;
}
