import "server-only";
import { db } from "@/lib/db/client";
import { getEnv, parseDuration } from "@/lib/env";
import { notify } from "@/lib/jobs/outbox";
import { formatDurationMs, reminderDue, reminderPolicy, type ReminderPolicy } from "./reminders";

/** The reminder intervals from OPSGATE_UPDATE_REMINDER_P1 / _P2 / _DEFAULT. */
export function reminderPolicyFromEnv(env = getEnv()): ReminderPolicy {
  return reminderPolicy(parseDuration(env.OPSGATE_UPDATE_REMINDER_P1), parseDuration(env.OPSGATE_UPDATE_REMINDER_P2), parseDuration(env.OPSGATE_UPDATE_REMINDER_DEFAULT));
}

/**
 * Background job: reminds each open incident's commander (else its declarer)
 * in-app when the incident has had no update for its severity's interval.
 * Once per interval: the outbox dedupe key (incident, last update, slot)
 * turns a second run, or a second instance, into a no-op.
 */
export async function remindStaleIncidents(now: Date, policy: ReminderPolicy = reminderPolicyFromEnv()) {
  const shortest = Math.min(...Object.values(policy));
  const candidates = await db.incident.findMany({
    where: { status: { not: "Resolved" }, lastUpdateAt: { lte: new Date(now.getTime() - shortest) } },
    select: { id: true, number: true, title: true, severity: true, status: true, lastUpdateAt: true, commanderId: true, declaredById: true },
    take: 1000,
  });
  let sent = 0;
  for (const incident of candidates) {
    const due = reminderDue(incident, policy, now);
    if (!due) continue;
    const silent = formatDurationMs(due.silentForMs);
    sent += await db.$transaction((tx) =>
      notify(
        tx,
        [incident.commanderId ?? incident.declaredById],
        {
          title: `Update due: [${incident.severity}] #${incident.number} ${incident.title}`,
          body: `No update for ${silent} (the ${incident.severity} interval is ${formatDurationMs(policy[incident.severity])}). Post an update for stakeholders.`,
          link: `/incidents/${incident.id}`,
          event: "incident.update_reminder",
          data: { incidentId: incident.id, slot: due.slot, lastUpdateAt: incident.lastUpdateAt.toISOString() },
          dedupeKey: due.dedupeKey,
        },
        now,
      ),
    );
  }
  return sent;
}
