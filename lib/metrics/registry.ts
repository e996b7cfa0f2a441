/**
 * The one Prometheus registry of this process (prom-client). Kept on
 * globalThis because Next bundles route handlers and instrumentation
 * separately: every bundle must add to, and `/metrics` must read, the same
 * registry. Other areas add their metrics with `counter()`, `gauge()` and
 * `histogram()`, which return the existing metric when the name is taken.
 * Names follow Prometheus conventions: `opsgate_` prefix, base units
 * (`_seconds`, `_ratio`), `_total` on counters only.
 */
import { Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from "prom-client";

const KEY = Symbol.for("opsgate.metrics.registry");
type Holder = { [KEY]?: Registry };

export function registry(): Registry {
  const g = globalThis as Holder;
  g[KEY] ??= new Registry();
  return g[KEY];
}

function existing<T>(name: string): T | undefined {
  return registry().getSingleMetric(name) as T | undefined;
}

export function counter<L extends string>(cfg: Omit<CounterConfiguration<L>, "registers">): Counter<L> {
  return existing<Counter<L>>(cfg.name) ?? new Counter<L>({ ...cfg, registers: [registry()] });
}

export function gauge<L extends string>(cfg: Omit<GaugeConfiguration<L>, "registers">): Gauge<L> {
  return existing<Gauge<L>>(cfg.name) ?? new Gauge<L>({ ...cfg, registers: [registry()] });
}

export function histogram<L extends string>(cfg: Omit<HistogramConfiguration<L>, "registers">): Histogram<L> {
  return existing<Histogram<L>>(cfg.name) ?? new Histogram<L>({ ...cfg, registers: [registry()] });
}
