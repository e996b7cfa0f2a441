import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { loginFailures } from "@/lib/metrics/instruments";
import { millisecondsInDay } from "date-fns/constants";

/** A prior successful sign-in of this account from this IP within this long makes the pair "known". */
export const KNOWN_PAIR_DAYS = 30;
/** Failures of one account across all IPs that block it from IPs it never signed in from (distributed guessing). */
export const ACCOUNT_SPREAD_FACTOR = 4;

/** The first wait after OPSGATE_LOGIN_MAX_PER_ACCOUNT failures of a pair; it doubles with every further failure. */
export const FIRST_DELAY_MS = 30_000;

/**
 * Progressive delay of an account+IP pair (pure): none below `max` failures in
 * the window, then 30 s, 60 s, 120 s, … after the latest failure, never more
 * than the window. Once it has passed the next attempt is judged on its
 * password: no hard lockout of the right password (issue 11, hole 4).
 */
export function pairDelayMs(failures: number, max: number, windowMs: number): number {
  if (failures < max) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - max, 20), windowMs);
}

/**
 * Login throttling, counted in the database so every instance agrees, and
 * built so an attacker cannot lock the right person out (issue 11, hole 4):
 *  - OPSGATE_LOGIN_MAX_PER_ACCOUNT failures of an account+IP PAIR (not the
 *    account: guessing from one address never blocks the owner elsewhere)
 *    start progressive delays (`pairDelayMs`) after the pair's latest failure;
 *  - OPSGATE_LOGIN_MAX_PER_IP failures across accounts block the IP only for
 *    accounts that have not signed in successfully from it in the last 30 days
 *    (a password spray behind a shared proxy does not block its regular users);
 *  - failures of one account spread over many IPs (4 × the per-account
 *    limit) block it only from IPs it never signed in from.
 * Only failures count; a success clears nothing.
 */
export async function loginBlocked(email: string, ip: string, now: Date): Promise<string | null> {
  const env = getEnv();
  const since = new Date(now.getTime() - env.OPSGATE_LOGIN_WINDOW_MINUTES * 60_000);
  const [byPair, lastPairFailure, byIp, byAccount, known] = await Promise.all([
    db.loginAttempt.count({ where: { email, ip, success: false, at: { gte: since } } }),
    db.loginAttempt.findFirst({ where: { email, ip, success: false, at: { gte: since } }, orderBy: { at: "desc" }, select: { at: true } }),
    db.loginAttempt.count({ where: { ip, success: false, at: { gte: since } } }),
    db.loginAttempt.count({ where: { email, success: false, at: { gte: since } } }),
    db.loginAttempt.findFirst({ where: { email, ip, success: true, at: { gte: new Date(now.getTime() - KNOWN_PAIR_DAYS * millisecondsInDay) } }, select: { id: true } }),
  ]);
  const delay = pairDelayMs(byPair, env.OPSGATE_LOGIN_MAX_PER_ACCOUNT, env.OPSGATE_LOGIN_WINDOW_MINUTES * 60_000);
  const waitMs = lastPairFailure ? lastPairFailure.at.getTime() + delay - now.getTime() : 0;
  if (waitMs > 0) {
    const s = Math.ceil(waitMs / 1000);
    return `Too many failed sign-in attempts. Try again in ${s} second${s === 1 ? "" : "s"}.`;
  }
  const blocked = (!known && byIp >= env.OPSGATE_LOGIN_MAX_PER_IP) || (!known && byAccount >= env.OPSGATE_LOGIN_MAX_PER_ACCOUNT * ACCOUNT_SPREAD_FACTOR);
  return blocked ? `Too many failed sign-in attempts. Try again in ${env.OPSGATE_LOGIN_WINDOW_MINUTES} minutes.` : null;
}

export async function recordLogin(email: string, ip: string, success: boolean, at: Date) {
  await db.loginAttempt.create({ data: { email, ip, success, at } });
  if (!success) loginFailures().inc();
}
