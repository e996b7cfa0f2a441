import "server-only";
import { conflictsOf, type Conflict, type Dependency, type WorkItem } from "@/lib/changes/conflicts";
import type { Db, Tx } from "@/lib/db/client";

/** Statuses whose planned interval is real work (a Draft is not yet a plan). */
const PLANNED = ["Submitted", "Approved", "Scheduled", "InProgress"] as const;

/** Direct dependencies touching any of `componentIds` (both directions). */
export async function dependenciesOf(client: Tx | Db, componentIds: string[]): Promise<Dependency[]> {
  const rows = await client.componentDependency.findMany({ where: { OR: [{ componentId: { in: componentIds } }, { dependsOnId: { in: componentIds } }] }, select: { componentId: true, dependsOnId: true } });
  return rows.map((r) => [r.componentId, r.dependsOnId] as const);
}

/** The conflicts of one change's planned interval with other changes and windows (conflicts.ts decides). */
export async function changeConflicts(client: Tx | Db, change: { id: string; componentId: string; plannedStart: Date | null; plannedEnd: Date | null; maintenance: { window: { id: string } }[] }): Promise<Conflict[]> {
  if (!change.plannedStart || !change.plannedEnd) return [];
  const deps = await dependenciesOf(client, [change.componentId]);
  const related = [...new Set([change.componentId, ...deps.flat()])];
  const interval = { lt: change.plannedEnd };
  const [changes, windows, names] = await Promise.all([
    client.changeRequest.findMany({
      where: { id: { not: change.id }, status: { in: [...PLANNED] }, componentId: { in: related }, plannedStart: { not: null, ...interval }, plannedEnd: { gt: change.plannedStart } },
      select: { id: true, number: true, description: true, componentId: true, plannedStart: true, plannedEnd: true },
      take: 100,
    }),
    client.maintenanceWindow.findMany({
      where: { windowStart: interval, windowEnd: { gt: change.plannedStart }, components: { some: { componentId: { in: related } } } },
      select: { id: true, number: true, title: true, windowStart: true, windowEnd: true, components: { select: { componentId: true } } },
      take: 100,
    }),
    client.component.findMany({ where: { id: { in: related } }, select: { id: true, name: true } }),
  ]);
  const others: WorkItem[] = [
    ...changes.map((c) => ({ key: `cr:${c.id}`, kind: "change" as const, id: c.id, number: c.number, label: `CR-${c.number} ${c.description}`, start: c.plannedStart!, end: c.plannedEnd!, componentIds: [c.componentId] })),
    ...windows.map((w) => ({ key: `mw:${w.id}`, kind: "maintenance" as const, id: w.id, number: w.number, label: `MW-${w.number} ${w.title}`, start: w.windowStart, end: w.windowEnd, componentIds: w.components.map((x) => x.componentId) })),
  ];
  const name = new Map(names.map((n) => [n.id, n.name]));
  return conflictsOf(
    { key: `cr:${change.id}`, kind: "change", id: change.id, start: change.plannedStart, end: change.plannedEnd, componentIds: [change.componentId] },
    others,
    deps,
    new Set(change.maintenance.map((m) => `mw:${m.window.id}`)),
    (id) => name.get(id) ?? id,
  );
}
