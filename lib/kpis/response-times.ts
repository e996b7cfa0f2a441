/**
 * MTTA and MTTR (pure): declared → acknowledged and declared → resolved, for
 * the incidents declared within the period (an incident declared before the
 * period belongs to the period it was declared in), overall and by severity.
 * Incidents not yet acknowledged / resolved count as open, not as a duration.
 */
import { durationStats, type DurationStats } from "@/lib/kpis/stats";
import type { Period } from "@/lib/kpis/period";
import type { SeverityValue } from "@/lib/status/derive-status";

export type ResponseRow = { id: string; number: number; severity: SeverityValue; declaredAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null };
export type ResponseStats = { mtta: DurationStats; mttr: DurationStats; declared: number; unacknowledged: number; unresolved: number };
export type ResponseTimes = ResponseStats & { bySeverity: ({ severity: SeverityValue } & ResponseStats)[] };

const SEVERITIES: SeverityValue[] = ["P1", "P2", "P3", "P4"];

function stats(rows: ResponseRow[]): ResponseStats {
  const ack = rows.filter((r) => r.acknowledgedAt).map((r) => r.acknowledgedAt!.getTime() - r.declaredAt.getTime());
  const res = rows.filter((r) => r.resolvedAt).map((r) => r.resolvedAt!.getTime() - r.declaredAt.getTime());
  return { mtta: durationStats(ack), mttr: durationStats(res), declared: rows.length, unacknowledged: rows.length - ack.length, unresolved: rows.length - res.length };
}

export function inPeriod(at: Date, p: Period): boolean {
  return at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();
}

export function responseTimes(input: { rows: ResponseRow[]; period: Period; now: Date }): ResponseTimes {
  // Anything stamped after `now` has not happened yet (injected clocks in tests and replays).
  const nowMs = input.now.getTime();
  const rows = input.rows
    .filter((r) => inPeriod(r.declaredAt, input.period) && r.declaredAt.getTime() <= nowMs)
    .map((r) => ({
      ...r,
      acknowledgedAt: r.acknowledgedAt && r.acknowledgedAt.getTime() <= nowMs ? r.acknowledgedAt : null,
      resolvedAt: r.resolvedAt && r.resolvedAt.getTime() <= nowMs ? r.resolvedAt : null,
    }));
  return { ...stats(rows), bySeverity: SEVERITIES.map((severity) => ({ severity, ...stats(rows.filter((r) => r.severity === severity)) })) };
}
