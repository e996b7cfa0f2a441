import { NotFoundError } from "@/lib/errors";
import { renderMessagePage } from "@/lib/status/render/pages";
import { HTML } from "@/lib/status/public-routes";
import { pageInfo } from "@/lib/status/queries";
import { confirmSubscription } from "@/lib/status/subscribers/confirm-subscription";

export const dynamic = "force-dynamic";

/** The link in the confirmation email (double opt-in). */
export async function GET(req: Request) {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  const headers = { "content-type": HTML, "cache-control": "no-store" };
  try {
    const sub = await confirmSubscription({ token });
    const how = sub.kind === "email" ? "by email" : "as JSON POSTs to your webhook";
    return new Response(renderMessagePage(pageInfo(), "Subscription confirmed", `You will now receive status updates ${how}. Every message has a one-click unsubscribe link.`), { headers });
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    return new Response(renderMessagePage(pageInfo(), "Link not valid", "This confirmation link is unknown or was already used."), { status: 404, headers });
  }
}
