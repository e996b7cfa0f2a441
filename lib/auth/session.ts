import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/config";
import type { Actor } from "@/lib/auth/actor";
import { userForToken } from "@/lib/auth/tokens";
import { sessionCurrent } from "@/lib/auth/session-version";
import { db } from "@/lib/db/client";
import { UnauthenticatedError } from "@/lib/errors";

export type { Actor };

/** The actor of a session (user id + the session version it was issued at), or null when it ended. */
export async function sessionActor(id: string | undefined, sv: number | undefined): Promise<Actor | null> {
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true } });
  if (!user?.active || !sessionCurrent(user.sessionVersion, sv)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The session's actor, or null (never throws for a missing session). */
export async function getSessionActor(): Promise<Actor | null> {
  try {
    const session = await getServerSession(authOptions());
    return sessionActor(session?.user?.id, session?.user?.sv);
  } catch {
    return null;
  }
}

/** For pages: the actor, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For route handlers: `Authorization: Bearer <token>` or the session cookie; else 401. */
export async function authenticateRequest(req: Request): Promise<Actor> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const user = m ? await userForToken(m[1]) : null;
    if (!user) throw new UnauthenticatedError("The API token is invalid or revoked");
    return { id: user.id, email: user.email, name: user.name, role: user.role, apiTokenId: user.tokenId };
  }
  const actor = await getSessionActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
