/** Summary statistics of durations (pure). Percentiles interpolate linearly, like PostgreSQL's percentile_cont. */
export type DurationStats = { count: number; meanMs: number | null; medianMs: number | null; p90Ms: number | null };

export function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function durationStats(values: number[]): DurationStats {
  if (!values.length) return { count: 0, meanMs: null, medianMs: null, p90Ms: null };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return { count: sorted.length, meanMs: sum / sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
}
