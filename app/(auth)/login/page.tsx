import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getSessionActor } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  if (await getSessionActor()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  const env = getEnv();
  const sso = !!(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
  const h = await headers();
  const safeCallback = safeCallbackPath(callbackUrl, env.NEXTAUTH_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <h1 className="text-2xl font-bold tracking-tight">Sign in to OpsGate</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Stakeholders: the <a className="underline" href="/status">public status page</a> needs no account.
          </p>
        </div>
        <LoginForm callbackUrl={safeCallback} sso={sso} initialError={error} />
      </div>
    </main>
  );
}
