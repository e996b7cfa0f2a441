import "server-only";
/**
 * Status page subscribers (email and webhooks) and what they are sent: both are confirmed before
 * anything else is sent (double opt-in), every message carries a one-click unsubscribe link, a
 * subscription may be limited to some components. Messages go through the outbox
 * (lib/jobs/outbox.ts `enqueue`), delivered by the outbox worker. One verb per file beside this:
 * subscribe-to-status, confirm-subscription, unsubscribe, send-subscriber-notices.
 */
import type { OutboxInput } from "@/lib/jobs/outbox";
import { pageInfo } from "@/lib/status/queries";
import { confirmUrl, sha256, unsubscribeUrl } from "./links";

export const SYSTEM = { system: "status-page" } as const;

/** The confirmation message: an email with the link, or a webhook verification request carrying it. */
export function confirmationMessage(sub: { id: string; kind: string; target: string }, confirm: string): OutboxInput {
  const page = pageInfo();
  const title = `Confirm your subscription to ${page.name} status`;
  const dedupeKey = `status-confirm:${sub.id}:${sha256(confirm).slice(0, 16)}`;
  if (sub.kind === "email") {
    return {
      channel: "email",
      target: sub.target,
      subject: title,
      payload: {
        event: "status.subscription.confirm",
        title,
        body: `Someone (hopefully you) asked to receive ${page.name} status updates at this address.\nConfirm: ${confirmUrl(confirm)}\nIf this was not you, ignore this email: nothing will be sent.`,
        link: confirmUrl(confirm),
        data: {},
      },
      dedupeKey,
    };
  }
  return {
    channel: "webhook",
    target: sub.target,
    subject: title,
    payload: {
      event: "status.subscription.verify",
      title,
      body: `Someone asked to POST ${page.name} status updates to this URL. Nothing else is sent until the confirmation link is opened (GET). If this was not you, ignore this request.`,
      link: confirmUrl(confirm),
      data: { confirmUrl: confirmUrl(confirm), token: confirm },
    },
    dedupeKey,
  };
}

export type SubscriberNotice = {
  kind: "incident" | "maintenance" | "component";
  /** the public components concerned; subscribers limited to others are skipped */
  componentIds: string[];
  title: string;
  body: string;
  /** absolute public URL */
  link: string;
  /** unique per published update/notice; each subscriber gets `${dedupeKey}:sub:${id}` */
  dedupeKey: string;
  /** when it was published: only subscribers confirmed by then get it (default: all active ones) */
  publishedAt?: Date;
  /** the body webhook subscribers receive, in Statuspage's webhook format (given their unsubscribe URL) */
  webhook?: (unsubscribe: string) => Record<string, unknown>;
  /** sent to webhook subscribers only (component status changes: email subscribers get incidents and maintenance) */
  webhookOnly?: boolean;
};

export type ActiveSubscriber = { id: string; kind: string; target: string; unsubscribeToken: string; confirmedAt: Date | null; componentIds: string[] };

export const activeSubscriberSelect = { id: true, kind: true, target: true, unsubscribeToken: true, confirmedAt: true, componentIds: true } as const;
export const activeSubscriberWhere = { confirmedAt: { not: null }, unsubscribedAt: null } as const;

/** The outbox messages of one notice for the (already loaded) active subscribers it concerns (pure). */
export function subscriberMessages(subs: ActiveSubscriber[], notice: SubscriberNotice): OutboxInput[] {
  return subs
    .filter(
      (s) =>
        s.confirmedAt !== null &&
        (!notice.webhookOnly || s.kind === "webhook") &&
        (!notice.publishedAt || s.confirmedAt <= notice.publishedAt) &&
        (s.componentIds.length === 0 || s.componentIds.some((id) => notice.componentIds.includes(id))),
    )
    .map((s) => {
      const unsub = unsubscribeUrl(s.unsubscribeToken);
      return {
        channel: s.kind === "email" ? "email" : "webhook",
        target: s.target,
        subject: notice.title,
        payload: {
          event: `status.${notice.kind}`,
          title: notice.title,
          body: `${notice.body}\n\nUnsubscribe: ${unsub}`,
          link: notice.link,
          data: { componentIds: notice.componentIds, unsubscribe: unsub },
          ...(s.kind === "webhook" && notice.webhook ? { raw: notice.webhook(unsub) } : {}),
        },
        dedupeKey: `${notice.dedupeKey}:sub:${s.id}`,
      };
    });
}
