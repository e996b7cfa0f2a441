import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { LIMITS } from "@/lib/users/schemas";

const PREFIX = "ogt_";

export function hashToken(secret: string) {
  return createHash("sha256").update(secret).digest("hex");
}

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(LIMITS.tokenName, `At most ${LIMITS.tokenName} characters`),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/** Creates a token for the actor; the secret is returned once and only its hash is stored. */
export async function createApiToken({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "tokens.manage");
  const { name } = parseInput(createApiTokenSchema, input);
  const secret = PREFIX + randomBytes(24).toString("base64url");
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: { userId: actor.id, name, tokenHash: hashToken(secret), prefix: secret.slice(0, 8) },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await audit(tx, { actor, action: "api_token.created", entity: "ApiToken", entityId: token.id, data: { name } });
    return { ...token, secret };
  });
}

export async function revokeApiToken({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "tokens.manage");
  const { id } = parseInput(z.object({ id: z.string().min(1, "Token id is required") }), input);
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: actor.id, revokedAt: null } });
    if (!token) throw new NotFoundError("API token");
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await audit(tx, { actor, action: "api_token.revoked", entity: "ApiToken", entityId: id, data: { name: token.name } });
    return { id };
  });
}

export function listApiTokens(actor: Actor) {
  return db.apiToken.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Resolves a bearer secret to its (active) owner, or null. */
export async function userForToken(secret: string) {
  if (!secret.startsWith(PREFIX)) return null;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, active: true } } },
  });
  if (!token || token.revokedAt || !token.user.active) return null;
  // Coarse lastUsedAt (once a minute) keeps hot API paths free of a write per request.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return { ...token.user, tokenId: token.id };
}
