import "server-only";
import { db } from "@/lib/db/client";

/**
 * Session versions (issue 11, hole 9): a session cookie carries the user's
 * `sessionVersion` from sign-in; every request compares it with the stored
 * one. Sign-out bumps it here; a change of role, active or password bumps it
 * in the database itself (trigger "user_session_version_bump"), whatever path made the change.
 */
export async function endSessions(userId: string) {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Whether a session issued at version `sv` (absent in cookies from before versions: 0) is still current. */
export function sessionCurrent(stored: number, sv: number | undefined): boolean {
  return (sv ?? 0) === stored;
}
