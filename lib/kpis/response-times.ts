/**
 * MTTA and MTTR: declared → acknowledged and declared → resolved, for the
 * incidents declared within the period (an incident declared before the
 * period belongs to the period it was declared in), overall and by severity.
 * Incidents not yet acknowledged / resolved count as open, not as a duration;
 * anything stamped after `now` has not happened yet. Computed in SQL
 * (`aggregateResponses` in queries.ts: mean, and median/p90 with percentile_cont).
 */
import type { DurationStats } from "@/lib/kpis/stats";
import type { SeverityValue } from "@/lib/status/derive-status";

export type ResponseStats = { mtta: DurationStats; mttr: DurationStats; declared: number; unacknowledged: number; unresolved: number };
export type ResponseTimes = ResponseStats & { bySeverity: ({ severity: SeverityValue } & ResponseStats)[] };
