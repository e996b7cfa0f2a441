import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { channelFor, dueRules, ntfyPriority } from "@/lib/contacts/rules";
import type { ContactKind } from "@/lib/contacts/schemas";
import { ackUrlFor } from "@/lib/incidents/ack-secret";
import { enqueue } from "@/lib/jobs/outbox";
import { log } from "@/lib/log";
import { pageKey, pageNotice } from "@/lib/oncall/page-notice";

export type LoadedRule = { id: string; contactMethodId: string; delayMinutes: number; kind: ContactKind; target: string; label: string };

/** Every notification rule of these users with its contact method, by user. */
export async function loadRulesFor(client: Tx, userIds: string[]): Promise<Map<string, LoadedRule[]>> {
  const out = new Map<string, LoadedRule[]>();
  if (!userIds.length) return out;
  const rows = await client.notificationRule.findMany({
    where: { userId: { in: [...new Set(userIds)] } },
    select: { id: true, userId: true, contactMethodId: true, delayMinutes: true, contactMethod: { select: { kind: true, target: true, label: true } } },
  });
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({ id: r.id, contactMethodId: r.contactMethodId, delayMinutes: r.delayMinutes, kind: r.contactMethod.kind, target: r.contactMethod.target, label: r.contactMethod.label });
    out.set(r.userId, list);
  }
  return out;
}

type PageForRules = { id: string; level: number; role: string; targetKey: string; userId: string | null; at: Date; label?: string };

/**
 * Enqueues the messages of every rule due for a page (one per rule, keyed
 * `<page key>rule:<rule id>`, so a second run is a no-op). Each carries a
 * signed acknowledge link for the paged person.
 */
export async function enqueueRuleMessages(
  tx: Tx,
  p: { incident: { id: string; title: string; severity: string }; page: PageForRules; rules: LoadedRule[]; now: Date; ackUrl?: string; stoppedAt?: Date | null },
) {
  if (!p.page.userId || !p.rules.length) return 0;
  const due = dueRules({ at: p.page.at, stoppedAt: p.stoppedAt ?? null }, p.rules, p.now);
  if (!due.length) return 0;
  const ackUrl = p.ackUrl ?? ackUrlFor(p.incident.id, p.page.userId, p.now);
  const notice = pageNotice(p.incident, { level: p.page.level, label: p.page.label }, "you", ackUrl);
  const key = pageKey(p.incident.id, p.page.level, p.page.role, p.page.targetKey);
  return enqueue(
    tx,
    due.map((r) => ({
      channel: channelFor(r.kind),
      target: r.target,
      subject: notice.title,
      payload: {
        event: "incident.paged",
        title: notice.title,
        body: notice.body,
        link: notice.link,
        data: { incidentId: p.incident.id, level: p.page.level, pageId: p.page.id, ruleId: r.id, ackUrl, severity: p.incident.severity, priority: ntfyPriority(p.incident.severity) },
      },
      dedupeKey: `${key}rule:${r.id}`,
    })),
    p.now,
  );
}

/**
 * The `notification-rules` job: for every page of an open, unacknowledged
 * incident whose person has rules, enqueue the rules that came due (after 2
 * min email, after 5 min Slack, …). Idempotent (dedupe keys), so any number of
 * instances may run it; `now` is injected.
 */
export async function runNotificationRules(now: Date = new Date(), opts: { scope?: string[] } = {}) {
  const pages = await db.escalationPage.findMany({
    where: {
      userId: { not: null },
      user: { active: true, notificationRules: { some: {} } },
      incident: { acknowledgedAt: null, resolvedAt: null, status: { not: "Resolved" }, ...(opts.scope ? { id: { in: opts.scope } } : {}) },
      // rules wait at most a day (the schema's limit)
      at: { gte: new Date(now.getTime() - 24 * 60 * 60_000 - 60_000), lte: now },
    },
    select: { id: true, level: true, role: true, targetKey: true, userId: true, at: true, incident: { select: { id: true, title: true, severity: true } } },
    take: 2000,
  });
  if (!pages.length) return { enqueued: 0 };
  const rules = await loadRulesFor(db, pages.map((p) => p.userId!));
  let enqueued = 0;
  for (const page of pages) {
    const mine = rules.get(page.userId!) ?? [];
    if (!dueRules({ at: page.at, stoppedAt: null }, mine, now).length) continue;
    try {
      enqueued += await db.$transaction((tx) => enqueueRuleMessages(tx, { incident: page.incident, page, rules: mine, now }));
    } catch (err) {
      log.error({ err, pageId: page.id }, "notification rules failed; the next run retries");
    }
  }
  return { enqueued };
}
