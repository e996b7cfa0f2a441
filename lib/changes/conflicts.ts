/**
 * Change conflicts (issue 18), pure: a change's planned interval conflicts
 * with another change or a maintenance window whose interval overlaps it
 * (half-open) on the same component, or on a component one of them directly
 * depends on ("Customer portal depends on PostgreSQL cluster": work on either
 * conflicts with work on the other). A change's own linked windows are the same
 * work, not a conflict.
 */
export type WorkItem = { key: string; kind: "change" | "maintenance"; id: string; number: number; label: string; start: Date; end: Date; componentIds: string[] };
/** [componentId, dependsOnId] pairs. */
export type Dependency = readonly [string, string];
export type Conflict = { kind: "change" | "maintenance"; id: string; number: number; label: string; start: string; end: string; reason: string };

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) =>
  a.end.getTime() > a.start.getTime() && b.end.getTime() > b.start.getTime() && a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

/** Why work on components `a` relates to work on `b` (same component, or a direct dependency either way), or null. */
export function relation(a: readonly string[], b: readonly string[], deps: readonly Dependency[], name: (id: string) => string = (id) => id): string | null {
  const same = a.find((c) => b.includes(c));
  if (same) return `same component (${name(same)})`;
  for (const [from, to] of deps) {
    if (a.includes(from) && b.includes(to)) return `${name(from)} depends on ${name(to)}`;
    if (b.includes(from) && a.includes(to)) return `${name(from)} depends on ${name(to)}`;
  }
  return null;
}

/** The conflicts of `subject` among `others` (excluding `sameWork` keys), earliest first. */
export function conflictsOf(subject: Omit<WorkItem, "number" | "label">, others: readonly WorkItem[], deps: readonly Dependency[], sameWork: ReadonlySet<string> = new Set(), name?: (id: string) => string): Conflict[] {
  return others
    .filter((o) => o.key !== subject.key && !sameWork.has(o.key) && overlaps(subject, o))
    .flatMap((o) => {
      const why = relation(subject.componentIds, o.componentIds, deps, name);
      return why ? [{ kind: o.kind, id: o.id, number: o.number, label: o.label, start: o.start.toISOString(), end: o.end.toISOString(), reason: why }] : [];
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.label.localeCompare(b.label));
}

/** Approving a conflicting change needs a confirmation with a reason. */
export function conflictConfirmation(conflicts: readonly Conflict[], reason: string | undefined): { ok: true; confirmed: boolean } | { ok: false; message: string } {
  if (!conflicts.length) return { ok: true, confirmed: false };
  if (reason && reason.trim()) return { ok: true, confirmed: true };
  return { ok: false, message: `The planned window conflicts with ${conflicts.map((c) => `${c.label} (${c.reason})`).join("; ")}; confirm with a reason to approve` };
}
