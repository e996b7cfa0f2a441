import type { User } from "next-auth";
import { describe, expect, it } from "vitest";
import { authOptions, RATE_LIMIT_PREFIX } from "../../lib/auth/config";
import { hashPassword } from "../../lib/auth/password";
import { loginBlocked, pairDelayMs, recordLogin } from "../../lib/auth/rate-limit";
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

  it(`locks the account+IP pair after OPSGATE_LOGIN_MAX_PER_ACCOUNT (${env.OPSGATE_LOGIN_MAX_PER_ACCOUNT}) failures; the owner elsewhere is not locked out`, async () => {
    const email = `victim-${uid()}@test.local`;
    const attacker = ip();
    const owner = ip();
    const now = new Date();
    await recordLogin(email, owner, true, new Date(now.getTime() - 86_400_000)); // the owner signed in from here yesterday
    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT - 1; i++) await recordLogin(email, attacker, false, now);
    expect(await loginBlocked(email, attacker, now)).toBeNull();
    await recordLogin(email, attacker, false, now);
    expect(await loginBlocked(email, attacker, now)).toMatch(BLOCKED);
    expect(await loginBlocked(email, attacker, now)).toContain("Try again in 30 seconds");
    // the owner's own address, and any other address, still get to try the password
    expect(await loginBlocked(email, owner, now)).toBeNull();
    expect(await loginBlocked(email, ip(), now)).toBeNull();
    // Another account is not affected.
    expect(await loginBlocked(`other-${uid()}@test.local`, attacker, now)).toBeNull();
  });

  it("delays the pair progressively (30 s, 60 s, 120 s …) instead of locking out the right password for the window", async () => {
    const max = env.OPSGATE_LOGIN_MAX_PER_ACCOUNT;
    expect([max - 1, max, max + 1, max + 2, max + 40].map((f) => pairDelayMs(f, max, 15 * 60_000))).toEqual([0, 30_000, 60_000, 120_000, 15 * 60_000]);
    const email = `delayed-${uid()}@test.local`;
    const addr = ip();
    const t0 = new Date();
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < max; i++) await recordLogin(email, addr, false, t0);
    expect(await loginBlocked(email, addr, at(29))).toMatch(BLOCKED);
    expect(await loginBlocked(email, addr, at(30))).toBeNull(); // the right password can be tried again after 30 s, not 15 min
    await recordLogin(email, addr, false, at(31)); // another wrong one doubles the wait
    expect(await loginBlocked(email, addr, at(31 + 59))).toContain("Try again in 1 second.");
    expect(await loginBlocked(email, addr, at(31 + 60))).toBeNull();
  });

  it("failures of one account spread over many IPs block it only from IPs it never signed in from", async () => {
    const email = `spread-${uid()}@test.local`;
    const owner = ip();
    const now = new Date();
    await recordLogin(email, owner, true, new Date(now.getTime() - 3_600_000));
    await db.loginAttempt.createMany({ data: Array.from({ length: env.OPSGATE_LOGIN_MAX_PER_ACCOUNT * 4 }, () => ({ email, ip: ip(), success: false, at: now })) });
    expect(await loginBlocked(email, ip(), now)).toMatch(BLOCKED);
    expect(await loginBlocked(email, owner, now)).toBeNull();
  });

  it("successes do not count, and failures older than the window expire", async () => {
    const email = `window-${uid()}@test.local`;
    const now = new Date();
    const old = new Date(now.getTime() - (env.OPSGATE_LOGIN_WINDOW_MINUTES * 60_000 + 1000));
    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT; i++) await recordLogin(email, ip(), false, old);
    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT; i++) await recordLogin(email, ip(), true, now);
    expect(await loginBlocked(email, ip(), now)).toBeNull();
  });

  it(`blocks an IP after OPSGATE_LOGIN_MAX_PER_IP (${env.OPSGATE_LOGIN_MAX_PER_IP}) failures across accounts, except for accounts known from it`, async () => {
    const addr = ip();
    const now = new Date();
    const regular = `regular-${uid()}@test.local`;
    await recordLogin(regular, addr, true, new Date(now.getTime() - 86_400_000));
    await db.loginAttempt.createMany({
      data: Array.from({ length: env.OPSGATE_LOGIN_MAX_PER_IP - 1 }, () => ({ email: `spray-${uid()}@test.local`, ip: addr, success: false, at: now })),
    });
    expect(await loginBlocked(`fresh-${uid()}@test.local`, addr, now)).toBeNull();
    await recordLogin(`spray-${uid()}@test.local`, addr, false, now);
    expect(await loginBlocked(`fresh-${uid()}@test.local`, addr, now)).toMatch(BLOCKED);
    expect(await loginBlocked(`fresh-${uid()}@test.local`, ip(), now)).toBeNull();
    expect(await loginBlocked(regular, addr, now)).toBeNull(); // the spray does not lock out who signs in from there
  });

  it("the credentials sign-in refuses a locked pair even with the right password, with a clear message; the owner's IP still signs in", async () => {
    const email = `person-${uid()}@test.local`;
    const password = "correct horse battery";
    await db.user.create({ data: { email, name: "Person", role: "SRE", passwordHash: await hashPassword(password) } });
    const authorize = credentialsAuthorize();
    const from = (addr: string) => ({ headers: { "x-forwarded-for": addr } });

    const ok = await authorize({ email, password }, from(ip()));
    expect(ok).toMatchObject({ email, role: "SRE" });

    const attacker = ip();
    for (let i = 0; i < env.OPSGATE_LOGIN_MAX_PER_ACCOUNT; i++) expect(await authorize({ email, password: "wrong" }, from(attacker))).toBeNull();
    const refused = authorize({ email, password }, from(attacker));
    await expect(refused).rejects.toThrow(RATE_LIMIT_PREFIX);
    await expect(authorize({ email: email.toUpperCase(), password }, from(attacker))).rejects.toThrow(BLOCKED);
    const attempts = await db.loginAttempt.count({ where: { email } });
    expect(attempts).toBe(1 + env.OPSGATE_LOGIN_MAX_PER_ACCOUNT); // refused attempts are not even checked
    // the right password from another address is not locked out
    expect(await authorize({ email, password }, from(ip()))).toMatchObject({ email });
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
