import { AppError, ValidationError } from "@/lib/errors";
import { html } from "@/lib/status/render/html";
import { renderMessagePage } from "@/lib/status/render/pages";
import { HTML } from "@/lib/status/public-routes";
import { pageInfo } from "@/lib/status/queries";
import { subscribeToStatus } from "@/lib/status/subscribers";

export const dynamic = "force-dynamic";

const page = (status: number, title: string, message: string) =>
  new Response(renderMessagePage(pageInfo(), title, message, status >= 400 ? html`<p><a href="/status#subscribe">Try again</a></p>` : undefined), {
    status,
    headers: { "content-type": HTML, "cache-control": "no-store" },
  });

/** Subscribe form (works without JavaScript) and JSON: {kind: "email"|"webhook", target, componentIds?}. */
export async function POST(req: Request) {
  const json = (req.headers.get("content-type") ?? "").includes("application/json");
  let input: unknown;
  try {
    if (json) input = await req.json();
    else {
      const form = await req.formData();
      input = { kind: form.get("kind"), target: String(form.get("target") ?? "").trim(), componentIds: form.getAll("componentIds").map(String) };
    }
  } catch {
    input = {};
  }
  try {
    const result = await subscribeToStatus({ input });
    if (json) return Response.json({ state: result.state }, { status: 202 });
    return result.kind === "email"
      ? page(200, "Check your email", "If the address can receive mail, a confirmation link is on its way. Updates start once you open it.")
      : page(200, "Webhook subscribed", "Status updates will be POSTed to your URL as JSON. Each payload carries its unsubscribe link.");
  } catch (e) {
    if (e instanceof ValidationError) {
      if (json) return Response.json({ error: { code: e.code, message: e.message, fields: e.fields } }, { status: 400 });
      return page(400, "Please check the form", Object.values(e.fields ?? {}).join(" ") || e.message);
    }
    if (e instanceof AppError && json) return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status });
    throw e;
  }
}
