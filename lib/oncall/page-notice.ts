/** What a page says, shared by paging and the notification-rules job. Pure. */

/** The outbox key prefix of one page's messages (escalation-view groups delivery states by it). */
export const pageKey = (incidentId: string, level: number, role: string, targetKey: string) => `page:${incidentId}:${level}:${role}:${targetKey ? `${targetKey}:` : ""}`;

/** The text every message of a page carries; `ackUrl` (the signed one-click link) only in messages to the paged person. */
export function pageNotice(incident: { id: string; title: string; severity: string }, page: { level: number; label?: string }, who: string, ackUrl: string | null) {
  return {
    title: `Paged · level ${page.level} · ${incident.severity} ${incident.title}`,
    body: [
      `Incident "${incident.title}" (${incident.severity}) has not been acknowledged. Escalation level ${page.level}${page.label ? ` (${page.label})` : ""} pages ${who}.`,
      ackUrl ? `Acknowledge (one click, no sign-in): ${ackUrl}` : null,
    ]
      .filter(Boolean)
      .join("\n\n"),
    link: `/incidents/${incident.id}`,
  };
}
