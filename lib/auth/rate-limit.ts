import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { loginFailures } from "@/lib/metrics/instruments";

/**
 * Login throttling per account and per IP, counted in the database so every
 * instance agrees. Only failures count; a success clears nothing (an
 * attacker cannot reset the window by signing into their own account).
 */
export async function loginBlocked(email: string, ip: string, now: Date): Promise<string | null> {
  const env = getEnv();
  const since = new Date(now.getTime() - env.OPSGATE_LOGIN_WINDOW_MINUTES * 60_000);
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { email, success: false, at: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, success: false, at: { gte: since } } }),
  ]);
  if (byAccount >= env.OPSGATE_LOGIN_MAX_PER_ACCOUNT || byIp >= env.OPSGATE_LOGIN_MAX_PER_IP) {
    return `Too many failed sign-in attempts. Try again in ${env.OPSGATE_LOGIN_WINDOW_MINUTES} minutes.`;
  }
  return null;
}

export async function recordLogin(email: string, ip: string, success: boolean, at: Date) {
  await db.loginAttempt.create({ data: { email, ip, success, at } });
  if (!success) loginFailures().inc();
}
