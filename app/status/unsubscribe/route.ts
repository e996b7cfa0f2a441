import { NotFoundError } from "@/lib/errors";
import { html } from "@/lib/status/render/html";
import { renderMessagePage } from "@/lib/status/render/pages";
import { HTML } from "@/lib/status/public-routes";
import { pageInfo } from "@/lib/status/queries";
import { unsubscribe } from "@/lib/status/subscribers/unsubscribe";

export const dynamic = "force-dynamic";
const headers = { "content-type": HTML, "cache-control": "no-store" };

/** GET shows one button (mail scanners prefetch links); POST unsubscribes (also RFC 8058 List-Unsubscribe-Post one-click). */
export async function GET(req: Request) {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  const form = html`<form method="post" action="/status/unsubscribe?token=${token}"><button type="submit">Unsubscribe</button></form>`;
  return new Response(renderMessagePage(pageInfo(), "Unsubscribe", "Stop receiving status updates at this address?", form), { headers });
}

export async function POST(req: Request) {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  try {
    await unsubscribe({ token });
    return new Response(renderMessagePage(pageInfo(), "Unsubscribed", "You will not receive further status updates."), { headers });
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    return new Response(renderMessagePage(pageInfo(), "Link not valid", "This unsubscribe link is unknown."), { status: 404, headers });
  }
}
