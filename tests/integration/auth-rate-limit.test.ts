import type { User } from "next-auth";
import { describe, expect, it } from "vitest";
import { authOptions, RATE_LIMIT_PREFIX } from "../../lib/auth/config";
import { hashPassword } from "../../lib/auth/password";
import { loginBlocked, recordLogin } from "../../lib/auth/rate-limit";
import { db } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
import { uid } from "../support/factories";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<User | null>;

/** The credentials provider's own authorize (next-auth keeps the user-supplied one under `options`). */
function credentialsAuthorize(): Authorize {
  const provider = authOptions().providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize;
}

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${uid()}`;
const BLOCKED = /Too many failed sign-in attempts/;

describe("login throttling (lib/auth/rate-limit.ts)", () => {
  const env = getEnv();

  it(`blocks an account after OPSGATE_LOGIN_MAX_PER_ACCOUNT (${env.OPSGATE_LOGIN_MAX_PER_ACCOUNT}) failures, from any IP`, async () => {
    const email = `victim-${uid()}@test.local`;
    const now = new Date();
    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT - 1; i++) await recordLogin(email, ip(), false, now);
    expect(await loginBlocked(email, ip(), now)).toBeNull();
    await recordLogin(email, ip(), false, now);
    expect(await loginBlocked(email, ip(), now)).toMatch(BLOCKED);
    expect(await loginBlocked(email, ip(), now)).toContain(`${env.OPSGATE_LOGIN_WINDOW_MINUTES} minutes`);
    // Another account is not affected.
    expect(await loginBlocked(`other-${uid()}@test.local`, ip(), now)).toBeNull();
  });

  it("successes do not count, and failures older than the window expire", async () => {
    const email = `window-${uid()}@test.local`;
    const now = new Date();
    const old = new Date(now.getTime() - (env.OPSGATE_LOGIN_WINDOW_MINUTES * 60_000 + 1000));
    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT; i++) await recordLogin(email, ip(), false, old);
    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT; i++) await recordLogin(email, ip(), true, now);
    expect(await loginBlocked(email, ip(), now)).toBeNull();
  });

  it(`blocks an IP after OPSGATE_LOGIN_MAX_PER_IP (${env.OPSGATE_LOGIN_MAX_PER_IP}) failures across accounts`, async () => {
    const addr = ip();
    const now = new Date();
    await db.loginAttempt.createMany({
      data: Array.from({ length: env.OPSGATE_LOGIN_MAX_PER_IP - 1 }, () => ({ email: `spray-${uid()}@test.local`, ip: addr, success: false, at: now })),
    });
    expect(await loginBlocked(`fresh-${uid()}@test.local`, addr, now)).toBeNull();
    await recordLogin(`spray-${uid()}@test.local`, addr, false, now);
    expect(await loginBlocked(`fresh-${uid()}@test.local`, addr, now)).toMatch(BLOCKED);
    expect(await loginBlocked(`fresh-${uid()}@test.local`, ip(), now)).toBeNull();
  });

  it("the credentials sign-in refuses a blocked account even with the right password, with a clear message", async () => {
    const email = `person-${uid()}@test.local`;
    const password = "correct horse battery";
    await db.user.create({ data: { email, name: "Person", role: "SRE", passwordHash: await hashPassword(password) } });
    const authorize = credentialsAuthorize();
    const from = (addr: string) => ({ headers: { "x-forwarded-for": addr } });

    const ok = await authorize({ email, password }, from(ip()));
    expect(ok).toMatchObject({ email, role: "SRE" });

    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT; i++) expect(await authorize({ email, password: "wrong" }, from(ip()))).toBeNull();
    const refused = authorize({ email, password }, from(ip()));
    await expect(refused).rejects.toThrow(RATE_LIMIT_PREFIX);
    await expect(authorize({ email: email.toUpperCase(), password }, from(ip()))).rejects.toThrow(BLOCKED);
    const attempts = await db.loginAttempt.count({ where: { email } });
    expect(attempts).toBe(1 + env.OPSGATE_LOGIN_MAX_PER_ACCOUNT); // refused attempts are not even checked
  });

  it("the credentials sign-in refuses a blocked IP for every account", async () => {
    const addr = ip();
    const now = new Date();
    await db.loginAttempt.createMany({ data: Array.from({ length: env.OPSGATE_LOGIN_MAX_PER_IP }, () => ({ email: `spray-${uid()}@test.local`, ip: addr, success: false, at: now })) });
    const email = `ipuser-${uid()}@test.local`;
    await db.user.create({ data: { email, name: "IP user", role: "VIEWER", passwordHash: await hashPassword("pw-for-ip-user") } });
    await expect(credentialsAuthorize()({ email, password: "pw-for-ip-user" }, { headers: { "x-forwarded-for": `${addr}, 192.0.2.1` } })).rejects.toThrow(BLOCKED);
    expect(await credentialsAuthorize()({ email, password: "pw-for-ip-user" }, { headers: { "x-forwarded-for": ip() } })).toMatchObject({ email });
  });
});
