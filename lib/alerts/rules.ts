/**
 * Pure rules for alert-opened incidents (SPEC.md §7): severity, components,
 * maintenance suppression and the texts an incident gets. No database, no clock.
 */
import type { NormalizedAlert } from "./payloads";

export type Severity = "P1" | "P2" | "P3" | "P4";
export const SEVERITY_VALUES: readonly Severity[] = ["P1", "P2", "P3", "P4"];

/** The default map; an integration's `severityMap` entries override it. */
export const DEFAULT_SEVERITY_MAP: Readonly<Record<string, Severity>> = {
  critical: "P1",
  error: "P2",
  major: "P2",
  high: "P2",
  warning: "P3",
  minor: "P3",
  info: "P4",
  low: "P4",
};
/** An alert without a known severity label. */
export const FALLBACK_SEVERITY: Severity = "P3";

export function severityFor(label: string | null | undefined, map: Record<string, string> = {}): Severity {
  if (!label) return FALLBACK_SEVERITY;
  const key = label.trim().toLowerCase();
  const custom = map[key];
  if (custom && (SEVERITY_VALUES as readonly string[]).includes(custom)) return custom as Severity;
  return DEFAULT_SEVERITY_MAP[key] ?? FALLBACK_SEVERITY;
}

/** The most severe of several (P1 beats P2 …). */
export function highestSeverity(list: Severity[]): Severity {
  return [...list].sort()[0] ?? FALLBACK_SEVERITY;
}

export type LabelMatcher = { name: string; value: string; isRegex?: boolean };
export type MatchableComponent = { id: string; name: string; alertMatchers: LabelMatcher[] };

function matches(m: LabelMatcher, labels: Record<string, string>): boolean {
  const v = labels[m.name];
  if (v === undefined) return false;
  if (!m.isRegex) return v === m.value;
  try {
    return new RegExp(`^(?:${m.value})$`).test(v); // anchored, as Alertmanager's matchers
  } catch {
    return false;
  }
}

/**
 * The components an alert is about: those named by its `component` or
 * `service` label (case-insensitive name match), plus those whose label
 * matchers all match; else the integration's defaults.
 */
export function componentsForAlert(labels: Record<string, string>, components: MatchableComponent[], defaults: string[]): string[] {
  const named = [labels.component, labels.service].filter((v): v is string => !!v).map((v) => v.trim().toLowerCase());
  const ids = components.filter((c) => named.includes(c.name.toLowerCase()) || (c.alertMatchers.length > 0 && c.alertMatchers.every((m) => matches(m, labels)))).map((c) => c.id);
  return ids.length ? [...new Set(ids)] : [...new Set(defaults)];
}

export type ActiveWindow = { id: string; number: number; windowStart: Date; windowEnd: Date; componentIds: string[] };

/**
 * The maintenance window that suppresses an alert: one active at `now`
 * (half-open [start, end)) covering every component of the alert.
 */
export function suppressingWindow(componentIds: string[], windows: ActiveWindow[], now: Date): ActiveWindow | null {
  if (!componentIds.length) return null;
  const t = now.getTime();
  return (
    windows
      .filter((w) => w.windowStart.getTime() <= t && t < w.windowEnd.getTime() && componentIds.every((id) => w.componentIds.includes(id)))
      .sort((a, b) => a.number - b.number)[0] ?? null
  );
}

/** Title, impact and detection time of the incident the first firing alerts open. */
export function incidentFromAlerts(alerts: NormalizedAlert[], integrationName: string, severityMap: Record<string, string>) {
  const first = alerts[0];
  const title = (first.annotations.summary || first.labels.alertname || first.summary || "Alert").slice(0, 200);
  const more = alerts.length > 1 ? ` (+${alerts.length - 1} more alert${alerts.length > 2 ? "s" : ""} in the group)` : "";
  const impact = (first.description || `Alert from ${integrationName}: ${first.summary}`).slice(0, 3900) + more;
  const severity = highestSeverity(alerts.map((a) => severityFor(a.severity, severityMap)));
  const detectedAt = new Date(Math.min(...alerts.map((a) => a.startsAt.getTime())));
  return { title, impact, severity, detectedAt };
}

/** The resolution note of an auto-resolved incident: names every alert and its times. */
export function resolutionNote(alerts: { summary: string; fingerprint: string; startsAt: Date; endsAt: Date | null }[], now: Date): string {
  const lines = alerts.slice(0, 50).map((a) => `- ${a.summary} (${a.fingerprint}): ${a.startsAt.toISOString()} → ${(a.endsAt ?? now).toISOString()}`);
  const rest = alerts.length > 50 ? `\n… and ${alerts.length - 50} more` : "";
  return `All ${alerts.length} alert${alerts.length === 1 ? "" : "s"} resolved; resolved automatically by OpsGate.\n${lines.join("\n")}${rest}`.slice(0, 4000);
}
