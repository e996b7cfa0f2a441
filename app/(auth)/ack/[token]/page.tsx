import type { Metadata } from "next";
import { peekAckLink } from "@/lib/incidents/acknowledge-by-link";
import { acknowledgeByLinkAction } from "./actions";
import { AckForm } from "./ack-form";
import { ACK_REFUSALS } from "./refusals";

export const metadata: Metadata = { title: "Acknowledge incident", referrer: "no-referrer", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * The page a signed acknowledge link opens: no sign-in. Opening it changes
 * nothing (mail and chat link scanners fetch links); the one button does.
 */
export default async function AckPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await peekAckLink(token);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        <h1 className="text-center text-2xl font-bold tracking-tight">Acknowledge incident</h1>
        {link.ok ? (
          <>
            <p className="text-center text-sm">
              [{link.incident.severity}] #{link.incident.number} {link.incident.title}
              <br />
              {link.incident.status === "Resolved" ? "Resolved." : link.incident.acknowledgedAt ? "Already acknowledged." : "Not acknowledged yet: escalation continues."}
            </p>
            <AckForm action={acknowledgeByLinkAction} token={token} label={`Acknowledge as ${link.userName}`} />
          </>
        ) : (
          <p role="alert" className="text-center text-sm">
            {ACK_REFUSALS[link.reason]}
          </p>
        )}
      </div>
    </main>
  );
}
