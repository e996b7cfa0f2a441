import { describe, expect, it } from "vitest";
import { z } from "zod";
import { slackBlocksBody, slackLink, teamsAdaptiveCardBody } from "./rich";

const base = "https://ops.example.test";
const msg = (payload: Record<string, unknown>) => ({ id: "m1", target: "https://hooks.example.test/x", subject: "s", payload, createdAt: new Date("2026-12-02T10:00:00Z") });

// The documented shapes (api.slack.com/reference/block-kit/blocks; adaptivecards.io 1.2 + Teams Workflows webhook).
const plain = z.object({ type: z.literal("plain_text"), text: z.string().min(1).max(3000), emoji: z.boolean().optional() }).strict();
const mrkdwn = z.object({ type: z.literal("mrkdwn"), text: z.string().min(1).max(3000) }).strict();
const block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), text: plain.extend({ text: z.string().min(1).max(150) }) }).strict(),
  z.object({ type: z.literal("section"), text: mrkdwn }).strict(),
  z.object({ type: z.literal("context"), elements: z.array(mrkdwn).min(1).max(10) }).strict(),
  z.object({
    type: z.literal("actions"),
    block_id: z.string().max(255),
    elements: z.array(z.object({ type: z.literal("button"), action_id: z.string().max(255), text: plain.extend({ text: z.string().max(75) }), value: z.string().max(2000), style: z.enum(["primary", "danger"]).optional() }).strict()).min(1).max(25),
  }).strict(),
]);
const slackMessage = z.object({ text: z.string().min(1), blocks: z.array(block).max(50) }).strict();
const textBlock = z.object({ type: z.literal("TextBlock"), text: z.string(), wrap: z.boolean().optional(), weight: z.enum(["Default", "Lighter", "Bolder"]).optional(), size: z.enum(["Small", "Default", "Medium", "Large", "ExtraLarge"]).optional() }).strict();
const factSet = z.object({ type: z.literal("FactSet"), facts: z.array(z.object({ title: z.string(), value: z.string() }).strict()).min(1) }).strict();
const teamsMessage = z.object({
  type: z.literal("message"),
  attachments: z.array(z.object({
    contentType: z.literal("application/vnd.microsoft.card.adaptive"),
    contentUrl: z.null(),
    content: z.object({
      $schema: z.literal("http://adaptivecards.io/schemas/adaptive-card.json"),
      type: z.literal("AdaptiveCard"),
      version: z.literal("1.2"),
      body: z.array(z.union([textBlock, factSet])).min(1),
      actions: z.array(z.object({ type: z.literal("Action.OpenUrl"), title: z.string(), url: z.url() }).strict()).optional(),
    }).strict(),
  }).strict()).length(1),
}).strict();

describe("slackBlocksBody", () => {
  it("is a valid Block Kit message with an escaped body, a <url|label> link and the buttons", () => {
    const body = slackBlocksBody(msg({ title: "[P1] #9 DB <down>", body: "a & b", link: "/incidents/9" }), base, [
      { actionId: "incident_ack", text: "Acknowledge", value: "inc9", style: "primary" },
      { actionId: "incident_resolve", text: "Resolve…", value: "inc9", style: "danger" },
      { actionId: "incident_update", text: "Post update", value: "inc9" },
    ]);
    expect(slackMessage.parse(body)).toBeTruthy();
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "context", "actions"]);
    expect(body.blocks[1]).toEqual({ type: "section", text: { type: "mrkdwn", text: "a &amp; b" } });
    expect(body.blocks[2]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "<https://ops.example.test/incidents/9|Open in OpsGate>" }] });
    expect(body.text).toBe("[P1] #9 DB <down> https://ops.example.test/incidents/9");
  });
  it("stays within Block Kit limits for long texts and omits empty parts", () => {
    const body = slackBlocksBody(msg({ title: "t".repeat(400), body: "b".repeat(5000) }), base);
    expect(slackMessage.parse(body)).toBeTruthy();
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section"]);
  });
  it("a label cannot break out of the link", () => {
    expect(slackLink("https://x.test/a", "a|b>c")).toBe("<https://x.test/a|a¦b&gt;c>");
  });
});

describe("teamsAdaptiveCardBody", () => {
  it("is a Workflows webhook message with one Adaptive Card 1.2", () => {
    const body = teamsAdaptiveCardBody(msg({ title: "[P1] #9 DB down", body: "Failing over", link: "/incidents/9", data: { severity: "P1", status: "Investigating", secret: "x" } }), base);
    expect(teamsMessage.parse(body)).toBeTruthy();
    const card = body.attachments[0]!.content;
    expect(card.body).toContainEqual({ type: "FactSet", facts: [{ title: "Severity", value: "P1" }, { title: "Status", value: "Investigating" }] });
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open in OpsGate", url: "https://ops.example.test/incidents/9" }]);
  });
  it("without a link or data the card has only its text blocks", () => {
    const body = teamsAdaptiveCardBody(msg({ title: "CR #3 approved" }), base);
    expect(teamsMessage.parse(body)).toBeTruthy();
    expect(body.attachments[0]!.content).not.toHaveProperty("actions");
  });
});
