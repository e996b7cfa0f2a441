import type { Metadata } from "next";
import { peekPasswordLink } from "@/lib/users/commands";
import { setPasswordAction } from "./actions";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await peekPasswordLink(token);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        <h1 className="text-center text-2xl font-bold tracking-tight">Set your OpsGate password</h1>
        {link ? (
          <SetPasswordForm action={setPasswordAction} token={token} email={link.email} />
        ) : (
          <p role="alert" className="text-center text-sm">
            This link has expired or was already used. Ask an Infrastructure Architect for a new one.
          </p>
        )}
      </div>
    </main>
  );
}
