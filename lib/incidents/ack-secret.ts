import "server-only";
import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";
import { ACK_LINK_TTL_MS, ackLinkPath, signAckToken } from "@/lib/incidents/ack-link";
import { log } from "@/lib/log";
import { publicBaseUrl } from "@/lib/notify/channels";

const g = globalThis as unknown as { __opsgateAckSecret?: string };

/**
 * The key of signed acknowledge links: derived from NEXTAUTH_SECRET (the
 * launcher always sets it, and every instance shares it). Without one (a
 * bare test process) a per-process key: links then work only in this process.
 */
export function ackSecret(): string {
  const base = getEnv().NEXTAUTH_SECRET;
  if (base) return `ack-link:${base}`;
  if (!g.__opsgateAckSecret) {
    g.__opsgateAckSecret = randomBytes(32).toString("hex");
    log.warn("NEXTAUTH_SECRET is not set: acknowledge links are signed with a per-process key");
  }
  return g.__opsgateAckSecret;
}

/** An absolute one-click acknowledge URL for a person paged for an incident. */
export function ackUrlFor(incidentId: string, userId: string, now: Date): string {
  const token = signAckToken(ackSecret(), { incidentId, userId, expiresAt: new Date(now.getTime() + ACK_LINK_TTL_MS) });
  return new URL(ackLinkPath(token), publicBaseUrl()).toString();
}
