import { absoluteLink, readPayload, slackEscape, type OutboundMessage } from "@/lib/notify/format";

/*
 * Rich message bodies (issue 19): Slack Block Kit for incoming webhooks and the
 * Slack app, Adaptive Cards 1.2 for Teams Workflows webhooks. Pure builders;
 * not yet wired into lib/notify/channels.ts.
 */

/** Slack's `<url|label>` link; `|` and `>` in the label would end it early. */
export function slackLink(url: string, label: string): string {
  return `<${url}|${slackEscape(label).replace(/\|/g, "¦")}>`;
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export type SlackButton = { actionId: "incident_ack" | "incident_resolve" | "incident_update"; text: string; value: string; style?: "primary" | "danger" };

/**
 * Block Kit body: `text` is the notification fallback; a header, the body as
 * mrkdwn (section text ≤ 3000 chars), a context line with the link, and
 * optional buttons (the Slack app's Acknowledge / Resolve… / Post update).
 */
export function slackBlocksBody(msg: OutboundMessage, baseUrl: string, buttons: SlackButton[] = []) {
  const p = readPayload(msg);
  const link = absoluteLink(p.link, baseUrl);
  const blocks: Record<string, unknown>[] = [{ type: "header", text: { type: "plain_text", text: cut(p.title, 150), emoji: false } }];
  if (p.body) blocks.push({ type: "section", text: { type: "mrkdwn", text: cut(slackEscape(p.body), 3000) } });
  if (link) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: slackLink(link, "Open in OpsGate") }] });
  if (buttons.length)
    blocks.push({
      type: "actions",
      block_id: `opsgate:${msg.id}`,
      elements: buttons.map((b) => ({ type: "button", action_id: b.actionId, text: { type: "plain_text", text: cut(b.text, 75) }, value: cut(b.value, 2000), ...(b.style ? { style: b.style } : {}) })),
    });
  return { text: cut(`${p.title}${link ? ` ${link}` : ""}`, 3000), blocks };
}

/** Teams Workflows ("Post to a channel when a webhook request is received") body with one Adaptive Card 1.2. */
export function teamsAdaptiveCardBody(msg: OutboundMessage, baseUrl: string) {
  const p = readPayload(msg);
  const link = absoluteLink(p.link, baseUrl);
  const facts = Object.entries(p.data)
    .filter(([k, v]) => ["severity", "status"].includes(k) && typeof v === "string")
    .map(([k, v]) => ({ title: k[0]!.toUpperCase() + k.slice(1), value: String(v) }));
  const body: Record<string, unknown>[] = [{ type: "TextBlock", text: p.title, weight: "Bolder", size: "Medium", wrap: true }];
  if (p.body) body.push({ type: "TextBlock", text: p.body, wrap: true });
  if (facts.length) body.push({ type: "FactSet", facts });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.2",
          body,
          ...(link ? { actions: [{ type: "Action.OpenUrl", title: "Open in OpsGate", url: link }] } : {}),
        },
      },
    ],
  };
}
