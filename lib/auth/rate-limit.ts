import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { loginFailures } from "@/lib/metrics/instruments";
import { millisecondsInDay } from "date-fns/constants";

/** A prior successful sign-in of this account from this IP within this long makes the pair "known". */
export const KNOWN_PAIR_DAYS = 30;
/** Failures of one account across all IPs that block it from IPs it never signed in from (distributed guessing). */
export const ACCOUNT_SPREAD_FACTOR = 4;

/**
 * Login throttling, counted in the database so every instance agrees, and
 * built so an attacker cannot lock the right person out (issue 11, hole 4):
 *  - OPSGATE_LOGIN_MAX_PER_ACCOUNT failures lock the account+IP PAIR, not the
 *    account: guessing from one address never blocks the owner elsewhere;
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
  const [byPair, byIp, byAccount, known] = await Promise.all([
    db.loginAttempt.count({ where: { email, ip, success: false, at: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, success: false, at: { gte: since } } }),
    db.loginAttempt.count({ where: { email, success: false, at: { gte: since } } }),
    db.loginAttempt.findFirst({ where: { email, ip, success: true, at: { gte: new Date(now.getTime() - KNOWN_PAIR_DAYS * millisecondsInDay) } }, select: { id: true } }),
  ]);
  const blocked =
    byPair >= env.OPSGATE_LOGIN_MAX_PER_ACCOUNT ||
    (!known && byIp >= env.OPSGATE_LOGIN_MAX_PER_IP) ||
    (!known && byAccount >= env.OPSGATE_LOGIN_MAX_PER_ACCOUNT * ACCOUNT_SPREAD_FACTOR);
  return blocked ? `Too many failed sign-in attempts. Try again in ${env.OPSGATE_LOGIN_WINDOW_MINUTES} minutes.` : null;
}

export async function recordLogin(email: string, ip: string, success: boolean, at: Date) {
  await db.loginAttempt.create({ data: { email, ip, success, at } });
  if (!success) loginFailures().inc();
}
