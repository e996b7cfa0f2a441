/**
 * One KPI figure against its target (SPEC.md §7): actual, the previous
 * period's value, the trend and red/green. "no_data" when nothing was measured.
 */
export type Target = { op: ">=" | "<=" | "<" | ">"; value: number };
export type FigureState = "green" | "red" | "no_data";
export type Figure = {
  key: string;
  label: string;
  unit: "percent" | "minutes";
  target: Target;
  actual: number | null;
  previous: number | null;
  /** actual − previous (null when either is missing) */
  trend: number | null;
  state: FigureState;
};

export const TARGETS = {
  availability: { op: ">=", value: 99.9 },
  mtta: { op: "<", value: 30 },
  mttr: { op: "<", value: 30 },
  changeSuccess: { op: ">", value: 95 },
  detection: { op: "<", value: 5 },
  iacComponents: { op: ">=", value: 100 },
  iacChanges: { op: ">=", value: 100 },
  costYoy: { op: "<=", value: -10 },
} as const satisfies Record<string, Target>;

export function meets(value: number, t: Target): boolean {
  switch (t.op) {
    case ">=":
      return value >= t.value;
    case "<=":
      return value <= t.value;
    case "<":
      return value < t.value;
    case ">":
      return value > t.value;
  }
}

export function figure(input: { key: string; label: string; unit: Figure["unit"]; target: Target; actual: number | null; previous: number | null }): Figure {
  const { actual, previous } = input;
  return {
    ...input,
    trend: actual !== null && previous !== null ? actual - previous : null,
    state: actual === null ? "no_data" : meets(actual, input.target) ? "green" : "red",
  };
}

export const msToMinutes = (ms: number | null) => (ms === null ? null : ms / 60_000);
