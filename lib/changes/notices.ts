import "server-only";
import type { Tx } from "@/lib/db/client";
import { needsArchitect } from "@/lib/changes/rules";
import { usersWithRole, type ChangeForRules } from "@/lib/changes/load";
import { notify } from "@/lib/jobs/outbox";
import { rolesWith } from "@/lib/auth/permissions";

/** Tells the people who can approve (owners of the component's role; ARCHITECTs when needed) that a change awaits them. */
export async function notifyApprovers(tx: Tx, change: ChangeForRules, version: number, now: Date) {
  const roles = needsArchitect(change) ? [change.component.ownerRole, ...rolesWith("changes.approve_structural")] : [change.component.ownerRole];
  const ids = await usersWithRole(tx, roles, [change.requesterId]);
  await notify(
    tx,
    ids,
    {
      title: `CR-${change.number} needs approval`,
      body: `${change.type} on ${change.component.name}: ${change.description}`,
      link: `/changes/${change.id}`,
      event: "change.submitted",
      data: { changeId: change.id, number: change.number },
      dedupeKey: `change:${change.id}:submitted:${version}`,
    },
    now,
  );
}

/** Tells the requester what happened to their change (unless they did it themselves). */
export async function notifyRequester(tx: Tx, change: ChangeForRules, actorId: string, event: string, title: string, body: string, version: number, now: Date) {
  if (change.requesterId === actorId) return;
  await notify(
    tx,
    [change.requesterId],
    { title, body, link: `/changes/${change.id}`, event, data: { changeId: change.id, number: change.number }, dedupeKey: `change:${change.id}:${event}:${version}` },
    now,
  );
}
