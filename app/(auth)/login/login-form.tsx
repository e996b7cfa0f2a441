"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { loginFieldErrors } from "@/lib/auth/login-fields";
import { LIMITS } from "@/lib/users/schemas";

const RATE_LIMIT_PREFIX = "RateLimited: ";

function describe(error: string | undefined | null): string | null {
  if (!error) return null;
  if (error.startsWith(RATE_LIMIT_PREFIX)) return error.slice(RATE_LIMIT_PREFIX.length);
  if (error === "CredentialsSignin") return "Wrong email or password.";
  if (error === "OAuthSignin" || error === "OAuthCallback" || error === "AccessDenied") return "Single sign-on failed. Ask an architect to check your account.";
  return "Sign-in failed. Try again.";
}

export function LoginForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: boolean; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(describe(initialError));
  const [email, setEmail] = useState("");
  const [fields, setFields] = useState<{ email?: string; password?: string }>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    const invalid = loginFieldErrors({ email: form.get("email"), password: form.get("password") });
    setFields(invalid ?? {});
    if (invalid) return;
    startTransition(async () => {
      const res = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
      if (!res || res.error) {
        setError(describe(res?.error ?? "unknown"));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 p-6 shadow-sm dark:border-slate-800">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={error} />
        <Field id="email" label="Email" error={fields.email}>
          {(p) => <Input {...p} name="email" type="email" autoComplete="username" required maxLength={LIMITS.email} value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field id="password" label="Password" error={fields.password}>
          {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required maxLength={LIMITS.password} />}
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso ? (
        <Button variant="outline" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          Sign in with single sign-on
        </Button>
      ) : null}
    </div>
  );
}
