import { createHmac, timingSafeEqual } from "node:crypto";

/** What `notify()` (lib/jobs/outbox.ts) stores as an outbox payload; anything missing gets a safe default. */
export type NoticePayload = { event: string; title: string; body: string; link: string | null; data: Record<string, unknown> };

/** The message fields the channels need (a claimed OutboxMessage row). */
export type OutboundMessage = { id: string; target: string; subject: string; payload: unknown; createdAt: Date };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Reads a stored payload tolerantly: messages enqueued by other code paths may carry only some fields. */
export function readPayload(msg: Pick<OutboundMessage, "payload" | "subject">): NoticePayload {
  const p = isRecord(msg.payload) ? msg.payload : {};
  return {
    event: str(p.event) ?? "notification",
    title: str(p.title) ?? msg.subject,
    body: str(p.body) ?? "",
    link: str(p.link) ?? null,
    data: isRecord(p.data) ? p.data : {},
  };
}

/** An in-app path as an absolute URL for people outside the browser (webhooks, Slack, email). */
export function absoluteLink(link: string | null, baseUrl: string): string | null {
  if (!link) return null;
  try {
    return new URL(link, baseUrl).toString();
  } catch {
    return null;
  }
}

/**
 * A body stored whole in the payload (`payload.raw`), posted as is instead of
 * the generic one: status-page subscriber webhooks use Statuspage's format
 * (lib/status/statuspage-webhook.ts). Null for every other message.
 */
export function rawWebhookBody(msg: Pick<OutboundMessage, "payload">): Record<string, unknown> | null {
  const p = isRecord(msg.payload) ? msg.payload : {};
  return isRecord(p.raw) ? p.raw : null;
}

/** Generic webhook body. `id` is the outbox message id: stable across retries, so receivers can drop duplicates. */
export function webhookBody(msg: OutboundMessage, baseUrl: string) {
  const p = readPayload(msg);
  return { id: msg.id, event: p.event, title: p.title, body: p.body, link: absoluteLink(p.link, baseUrl), data: p.data, timestamp: msg.createdAt.toISOString() };
}

/** Slack's mrkdwn treats &, < and > as control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack-compatible incoming-webhook body (also understood by Mattermost, Rocket.Chat, Discord's /slack). */
export function slackBody(msg: OutboundMessage, baseUrl: string) {
  const p = readPayload(msg);
  const link = absoluteLink(p.link, baseUrl);
  return { text: [`*${slackEscape(p.title)}*`, p.body ? slackEscape(p.body) : null, link].filter((l): l is string => !!l).join("\n") };
}

/** HTTP headers carry Latin-1 only: ntfy reads RFC 2047 encoded words for anything else. */
function headerText(text: string) {
  const flat = text.replace(/[\r\n]+/g, " ").slice(0, 250);
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat, "utf8").toString("base64")}?=`;
}

/**
 * An ntfy-compatible push (https://docs.ntfy.sh/publish/): the body is the
 * message text; `Title`, `Priority` (1–5, from the page's severity), `Tags`,
 * `Click` (the incident) and, for a page, an `Actions` button that opens the
 * signed one-click acknowledge link.
 */
export function ntfyRequest(msg: OutboundMessage, baseUrl: string): { body: string; headers: Record<string, string> } {
  const p = readPayload(msg);
  const link = absoluteLink(p.link, baseUrl);
  const priority = typeof p.data.priority === "string" && /^[1-5]$/.test(p.data.priority) ? p.data.priority : "3";
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", title: headerText(p.title), priority, tags: p.event === "incident.paged" ? "rotating_light" : "bell" };
  if (link) headers.click = link;
  const ack = typeof p.data.ackUrl === "string" ? p.data.ackUrl : null;
  if (ack) headers.actions = `view, Acknowledge, ${ack}, clear=true`;
  return { body: p.body || p.title, headers };
}

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Plain-text and simple HTML versions of an email notification. */
export function emailContent(msg: OutboundMessage, baseUrl: string) {
  const p = readPayload(msg);
  const link = absoluteLink(p.link, baseUrl);
  const text = [p.body, link ? `Open in OpsGate: ${link}` : null].filter((l): l is string => !!l).join("\n\n");
  const html = [
    `<h2 style="font-family:sans-serif">${escapeHtml(p.title)}</h2>`,
    p.body ? `<p style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(p.body)}</p>` : "",
    link ? `<p style="font-family:sans-serif"><a href="${escapeHtml(link)}">Open in OpsGate</a></p>` : "",
  ].join("");
  return { subject: msg.subject || p.title, text, html };
}

/** How old a signed webhook may be when the receiver checks it (README "Webhook signatures"). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (the Stripe/Slack
 * scheme): the timestamp is signed too, so a captured delivery cannot be
 * replayed after the tolerance.
 */
export function signature(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/** The receiver's check (reference for README): any v1 matches and `t` is within the tolerance of `now`. */
export function verifySignature(secret: string, header: string, body: string, now: Date, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const want = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  return parts.some(([k, v]) => k === "v1" && v?.length === want.length && timingSafeEqual(Buffer.from(v), want));
}

/** Hides the secret part of a webhook URL (Slack and similar put the token in the path) for display. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname + u.search;
    if (path.length <= 12) return `${u.origin}${path}`;
    return `${u.origin}${path.slice(0, 6)}…${path.slice(-4)}`;
  } catch {
    return "(invalid URL)";
  }
}
