/**
 * Incident detection time (pure): alert start → declared, for incidents
 * opened from alerts (those with `alertStartedAt`) declared within the period.
 * No such incident: "no data" (count 0, nulls), never 0 minutes.
 */
import { inPeriod } from "@/lib/kpis/response-times";
import type { Period } from "@/lib/kpis/period";
import { durationStats, type DurationStats } from "@/lib/kpis/stats";
import type { SeverityValue } from "@/lib/status/derive-status";

export type DetectionRow = { id: string; number: number; severity: SeverityValue; declaredAt: Date; alertStartedAt: Date | null };

export function detectionTime(input: { rows: DetectionRow[]; period: Period; now: Date }): DurationStats & { incidentIds: string[] } {
  const rows = input.rows.filter((r) => r.alertStartedAt && inPeriod(r.declaredAt, input.period) && r.declaredAt.getTime() <= input.now.getTime());
  // A clock skew that puts the alert after the declaration counts as 0, not as a negative detection time.
  return { ...durationStats(rows.map((r) => Math.max(0, r.declaredAt.getTime() - r.alertStartedAt!.getTime()))), incidentIds: rows.map((r) => r.id) };
}
