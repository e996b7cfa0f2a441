import { AppError, PayloadTooLargeError, RateLimitedError, ValidationError } from "@/lib/errors";
import { BODY_LIMITS, readFormBody, readJsonBody } from "@/lib/http/body";
import { clientIp } from "@/lib/net/client-ip";
import { html } from "@/lib/status/render/html";
import { renderMessagePage } from "@/lib/status/render/pages";
import { HTML } from "@/lib/status/public-routes";
import { pageInfo } from "@/lib/status/queries";
import { subscribeToStatus } from "@/lib/status/subscribers/subscribe-to-status";

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
    // 64 kB at most, refused from Content-Length before reading (the front server applies the same limit)
    if (json) input = await readJsonBody(req, { limit: BODY_LIMITS.publicForm });
    else {
      const form = await readFormBody(req, BODY_LIMITS.publicForm);
      input = { kind: form.get("kind"), target: String(form.get("target") ?? "").trim(), componentIds: form.getAll("componentIds").map(String) };
    }
  } catch (e) {
    if (e instanceof PayloadTooLargeError) {
      if (json) return Response.json({ error: { code: e.code, message: e.message } }, { status: 413 });
      return page(413, "Too large", e.message);
    }
    input = {};
  }
  try {
    const result = await subscribeToStatus({ input, ip: clientIp(req.headers) });
    if (json) return Response.json({ state: result.state }, { status: 202 });
    return result.kind === "email"
      ? page(200, "Check your email", "If the address can receive mail, a confirmation link is on its way. Updates start once you open it.")
      : page(
          200,
          "Confirm your webhook",
          "A verification request is on its way to your URL: its JSON carries data.confirmUrl. Updates start once that link is opened; nothing else is sent before. Each update carries its unsubscribe link.",
        );
  } catch (e) {
    if (e instanceof ValidationError) {
      if (json) return Response.json({ error: { code: e.code, message: e.message, fields: e.fields } }, { status: 400 });
      return page(400, "Please check the form", Object.values(e.fields ?? {}).join(" ") || e.message);
    }
    if (e instanceof RateLimitedError) {
      const headers = { "retry-after": String(e.retryAfterSeconds ?? 3600) };
      if (json) return Response.json({ error: { code: e.code, message: e.message } }, { status: 429, headers });
      const res = page(429, "Too many requests", "Too many subscribe requests from here or for this address. Try again in an hour.");
      res.headers.set("retry-after", headers["retry-after"]);
      return res;
    }
    if (e instanceof AppError && json) return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status });
    throw e;
  }
}
