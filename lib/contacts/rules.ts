/**
 * Notification rules (issue 13, PagerDuty/GoAlert style): "on a page:
 * immediately push, after 2 min email, after 5 min Slack" — until the
 * incident is acknowledged or resolved. Pure: `now` is a parameter.
 */
import type { ContactKind } from "@/lib/contacts/schemas";

/** The outbox channel a contact method is delivered on. */
export function channelFor(kind: ContactKind): "email" | "slack" | "ntfy" | "webhook" {
  return kind;
}

export type RuleInput = { id: string; contactMethodId: string; delayMinutes: number };
export type PageInput = { at: Date; stoppedAt: Date | null };

/** The instant a rule fires for a page. */
export const ruleDueAt = (page: PageInput, rule: Pick<RuleInput, "delayMinutes">) => new Date(page.at.getTime() + rule.delayMinutes * 60_000);

/**
 * Rules that are due for a page at `now`: due at page time + delay, at or
 * before `now`, and strictly before the incident was acknowledged/resolved
 * (the same boundary as escalation levels). Sorted by delay.
 */
export function dueRules<R extends RuleInput>(page: PageInput, rules: readonly R[], now: Date): R[] {
  const stop = page.stoppedAt && page.stoppedAt.getTime() <= now.getTime() ? page.stoppedAt.getTime() : Infinity;
  return rules
    .filter((r) => {
      const at = ruleDueAt(page, r).getTime();
      return at <= now.getTime() && at < stop;
    })
    .sort((a, b) => a.delayMinutes - b.delayMinutes || a.id.localeCompare(b.id));
}

/** The next instant any rule of the page comes due after `now`, or null. */
export function nextRuleDueAt(page: PageInput, rules: readonly RuleInput[], now: Date): Date | null {
  if (page.stoppedAt) return null;
  const next = rules.map((r) => ruleDueAt(page, r).getTime()).filter((t) => t > now.getTime());
  return next.length ? new Date(Math.min(...next)) : null;
}

/** ntfy's priority header (1 min … 5 max/urgent) from an incident severity. */
export function ntfyPriority(severity: string | undefined): string {
  return severity === "P1" ? "5" : severity === "P2" ? "4" : "3";
}
