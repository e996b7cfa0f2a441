/**
 * Summary statistics of durations in ms. Percentiles interpolate linearly
 * (PostgreSQL's percentile_cont); detection time (alert start → declared, for
 * alert-opened incidents only) uses the same shape. No data: count 0 and nulls, never 0 minutes.
 */
export type DurationStats = { count: number; meanMs: number | null; medianMs: number | null; p90Ms: number | null };
