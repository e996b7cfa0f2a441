import "server-only";
import { rolesWith } from "@/lib/auth/permissions";
import { EMERGENCY_APPROVAL_HOURS } from "@/lib/changes/change-kinds";
import { emergencyReminderDue } from "@/lib/changes/emergency-reminders";
import { usersWithRole } from "@/lib/changes/load";
import { db } from "@/lib/db/client";
import { notify } from "@/lib/jobs/outbox";
import { formatUtc } from "@/lib/utils";

/** Overdue reminders stop a week after the start (the overdue list keeps showing the change). */
const LOOKBACK_MS = 7 * 24 * 3600_000;

/**
 * Background job: reminds the people who may approve an Emergency change that
 * started unapproved (its component's owner role and the ARCHITECTs, never the
 * requester) and its requester, through the outbox (in-app, email, webhooks),
 * before and at its 24 h retroactive-approval deadline. Idempotent: each slot's
 * dedupe key turns a second run or a second instance into a no-op.
 */
export async function remindEmergencyApprovals(now: Date) {
  const rows = await db.changeRequest.findMany({
    where: { kind: "Emergency", startedAt: { not: null, gte: new Date(now.getTime() - LOOKBACK_MS), lte: now }, approvals: { none: { decision: "approve" } }, status: { notIn: ["Cancelled", "Rejected"] } },
    select: { id: true, number: true, description: true, startedAt: true, requesterId: true, component: { select: { name: true, ownerRole: true } } },
    take: 500,
  });
  let sent = 0;
  for (const c of rows) {
    const due = emergencyReminderDue({ id: c.id, startedAt: c.startedAt!, approved: false }, now);
    if (!due) continue;
    sent += await db.$transaction(async (tx) => {
      const approvers = await usersWithRole(tx, [c.component.ownerRole, ...rolesWith("changes.approve_any")], [c.requesterId]);
      return notify(
        tx,
        [...approvers, c.requesterId],
        {
          title: due.overdue ? `CR-${c.number}: retroactive approval overdue` : `CR-${c.number}: approve the Emergency change by ${formatUtc(due.deadline)}`,
          body: due.overdue
            ? `The Emergency change on ${c.component.name} ("${c.description}") started ${formatUtc(c.startedAt)} and was not approved within ${EMERGENCY_APPROVAL_HOURS} h.`
            : `The Emergency change on ${c.component.name} ("${c.description}") started ${formatUtc(c.startedAt)} without approval; a holder of ${c.component.ownerRole} or an ARCHITECT must approve it by ${formatUtc(due.deadline)}.`,
          link: `/changes/${c.id}`,
          event: due.overdue ? "change.emergency_approval_overdue" : "change.emergency_approval_reminder",
          data: { changeId: c.id, number: c.number, slot: due.slot, deadline: due.deadline.toISOString() },
          dedupeKey: due.dedupeKey,
        },
        now,
      );
    });
  }
  return sent;
}
