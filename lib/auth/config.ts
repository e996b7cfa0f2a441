import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { type Role } from "@/lib/auth/permissions";
import { parseRoleMap, roleFromClaims } from "@/lib/auth/oidc-roles";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { endSessions } from "@/lib/auth/session-version";
import { verifyPassword } from "@/lib/auth/password";
import { loginBlocked, recordLogin } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { LIMITS } from "@/lib/users/schemas";

const credentialsSchema = z.object({
  email: z.email().max(LIMITS.email).transform((s) => s.toLowerCase()),
  password: z.string().min(1).max(LIMITS.password),
});

export const RATE_LIMIT_PREFIX = "RateLimited: ";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real) || "unknown";
}

/** Generic OIDC sign-in, enabled when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
function oidcProvider(): NextAuthOptions["providers"] {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: env.OIDC_ROLE_MAP ? "openid email profile groups" : "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: Record<string, unknown>) {
        const role = roleFromClaims(profile, { roleClaim: env.OIDC_ROLE_CLAIM, groupsClaim: env.OIDC_GROUPS_CLAIM, map: parseRoleMap(env.OIDC_ROLE_MAP), fallback: env.OIDC_DEFAULT_ROLE });
        return { id: String(profile.sub), email: String(profile.email ?? ""), name: String(profile.name ?? profile.email ?? profile.sub), role };
      },
    },
  ];
}

export function authOptions(): NextAuthOptions {
  return {
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = clientIp(req?.headers as Record<string, string> | undefined);
          const now = new Date();
          const blocked = await loginBlocked(email, ip, now);
          if (blocked) throw new Error(RATE_LIMIT_PREFIX + blocked);
          const user = await db.user.findUnique({ where: { email } });
          const ok = !!user?.active && !!user.passwordHash && (await verifyPassword(user.passwordHash, password));
          await recordLogin(email, ip, ok, now);
          if (!ok || !user) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
      ...oidcProvider(),
    ],
    events: {
      // Sign-out ends every session of the user, including cookies copied before (issue 11, hole 9).
      async signOut({ token }) {
        if (token?.uid) await endSessions(token.uid);
      },
    },
    callbacks: {
      // next-auth's own redirects (OIDC callbackUrl, signOut): this origin only
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // First OIDC sign-in creates the user with the role from the claim; later ones keep the stored role.
        const u = user as { id: string; email?: string | null; name?: string | null; role?: Role };
        if (!u.email) return false;
        const email = u.email.toLowerCase();
        const existing = await db.user.findFirst({ where: { OR: [{ oidcSubject: u.id }, { email }] } });
        if (existing) {
          if (!existing.active) return false;
          if (!existing.oidcSubject) await db.user.update({ where: { id: existing.id }, data: { oidcSubject: u.id } });
          return true;
        }
        await db.$transaction(async (tx) => {
          const created = await tx.user.create({ data: { email, name: u.name ?? email, role: u.role ?? getEnv().OIDC_DEFAULT_ROLE, oidcSubject: u.id } });
          await audit(tx, { actor: { system: "oidc" }, action: "user.created", entity: "User", entityId: created.id, data: { email, role: created.role, via: "oidc" } });
        });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const dbUser =
            account?.provider === "oidc"
              ? await db.user.findUnique({ where: { oidcSubject: user.id } })
              : await db.user.findUnique({ where: { id: user.id } });
          if (dbUser) {
            await db.user.update({ where: { id: dbUser.id }, data: { lastSignInAt: new Date() } });
            token.uid = dbUser.id;
            token.role = dbUser.role;
            token.sv = dbUser.sessionVersion;
          }
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.uid as string;
          session.user.role = token.role as Role;
          session.user.sv = token.sv ?? 0;
        }
        return session;
      },
    },
  };
}
