/**
 * Freeze periods (blackout windows, issue 18), pure. A freeze is global
 * (`componentGroup` null) or applies to one component group; intervals are
 * half-open [start, end): a change ending exactly when a freeze starts, or
 * starting exactly when it ends, does not overlap it.
 */
export type FreezePeriod = { id: string; name: string; reason: string; start: Date; end: Date; componentGroup: string | null };
export type Interval = { start: Date; end: Date };

/** Half-open overlap: [a.start, a.end) ∩ [b.start, b.end) ≠ ∅. Empty intervals overlap nothing. */
export function overlaps(a: Interval, b: Interval): boolean {
  const as = a.start.getTime(), ae = a.end.getTime(), bs = b.start.getTime(), be = b.end.getTime();
  if (ae <= as || be <= bs) return false;
  return as < be && bs < ae;
}

/** Does the freeze apply to a change on a component of `group`? */
export function freezeApplies(freeze: Pick<FreezePeriod, "componentGroup">, group: string | null): boolean {
  return freeze.componentGroup === null || freeze.componentGroup === group;
}

/** The freezes that the planned interval overlaps, for a component of `group`, earliest first. */
export function overlappingFreezes(freezes: FreezePeriod[], interval: Interval | null, group: string | null): FreezePeriod[] {
  if (!interval) return [];
  return freezes.filter((f) => freezeApplies(f, group) && overlaps(interval, f)).sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Is `now` inside the freeze [start, end)? */
export function freezeActiveAt(freeze: Interval, now: Date): boolean {
  return freeze.start.getTime() <= now.getTime() && now.getTime() < freeze.end.getTime();
}

export const describeFreeze = (f: FreezePeriod) => `${f.name} (${f.start.toISOString()} – ${f.end.toISOString()}${f.componentGroup ? `, ${f.componentGroup}` : ", global"}: ${f.reason})`;

export type FreezeDecision = { ok: true; overridden: FreezePeriod[] } | { ok: false; reason: string; freezes: FreezePeriod[] };

/**
 * Approving, scheduling or starting a change whose planned interval overlaps a
 * freeze: a Normal (or Standard) change is refused naming the freeze; an
 * Emergency change passes with a mandatory override reason.
 */
export function freezeDecision(kind: "Standard" | "Normal" | "Emergency", overlapping: FreezePeriod[], overrideReason: string | undefined): FreezeDecision {
  if (!overlapping.length) return { ok: true, overridden: [] };
  const names = overlapping.map(describeFreeze).join("; ");
  if (kind !== "Emergency") return { ok: false, freezes: overlapping, reason: `The planned window overlaps the freeze ${names}` };
  if (overrideReason && overrideReason.trim()) return { ok: true, overridden: overlapping };
  return { ok: false, freezes: overlapping, reason: `The planned window overlaps the freeze ${names}; an Emergency change needs an override reason` };
}
