/**
 * Change success rate (pure): Completed / (Completed + Failed + Rolled back)
 * over changes that reached one of those outcomes within the period, overall,
 * by component and by type. Rows are pre-aggregated counts (SQL GROUP BY).
 */
export const OUTCOMES = ["Completed", "Failed", "RolledBack"] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** `kind` (issue 18): Standard/Normal/Emergency; rows without it count as Normal. */
export type ChangeOutcomeRow = { componentId: string; type: "New" | "Modify" | "Remove"; kind?: "Standard" | "Normal" | "Emergency"; status: Outcome; count: number };
export type SuccessRow = { completed: number; failed: number; rolledBack: number; total: number; rate: number | null };
export type ChangeSuccess = SuccessRow & { byComponent: ({ componentId: string } & SuccessRow)[]; byType: ({ type: ChangeOutcomeRow["type"] } & SuccessRow)[]; byKind: ({ kind: NonNullable<ChangeOutcomeRow["kind"]> } & SuccessRow)[] };

function tally(rows: ChangeOutcomeRow[]): SuccessRow {
  const n = (s: Outcome) => rows.filter((r) => r.status === s).reduce((a, r) => a + r.count, 0);
  const completed = n("Completed");
  const failed = n("Failed");
  const rolledBack = n("RolledBack");
  const total = completed + failed + rolledBack;
  return { completed, failed, rolledBack, total, rate: total ? (100 * completed) / total : null };
}

function groupBy<K extends string>(rows: ChangeOutcomeRow[], key: (r: ChangeOutcomeRow) => K): [K, ChangeOutcomeRow[]][] {
  const m = new Map<K, ChangeOutcomeRow[]>();
  for (const r of rows) (m.get(key(r)) ?? m.set(key(r), []).get(key(r))!).push(r);
  return [...m].sort(([a], [b]) => a.localeCompare(b));
}

export function changeSuccess(rows: ChangeOutcomeRow[]): ChangeSuccess {
  return {
    ...tally(rows),
    byComponent: groupBy(rows, (r) => r.componentId).map(([componentId, rs]) => ({ componentId, ...tally(rs) })),
    byType: groupBy(rows, (r) => r.type).map(([type, rs]) => ({ type, ...tally(rs) })),
    // Emergency changes are counted separately (issue 18): they are still in the overall rate, and shown on their own here.
    byKind: groupBy(rows, (r) => r.kind ?? "Normal").map(([kind, rs]) => ({ kind, ...tally(rs) })),
  };
}
