import "server-only";
import { STATUS_LABEL } from "@/lib/changes/state-machine";
import { db } from "@/lib/db/client";

/**
 * The change calendar's data for [from, to): changes with a planned time in
 * Approved/Scheduled/In progress and every maintenance window, as calendar
 * items, plus the (change, window) links that make two items the same work.
 */
export async function getCalendar(from: Date, to: Date) {
  const [changes, windows] = await Promise.all([
    db.changeRequest.findMany({
      where: {
        status: { in: ["Approved", "Scheduled", "InProgress"] },
        plannedStart: { not: null, lt: to },
        OR: [{ plannedEnd: { gt: from } }, { plannedEnd: null, plannedStart: { gte: new Date(from.getTime() - 3_600_000) } }],
      },
      orderBy: { plannedStart: "asc" },
      take: 500,
      select: { id: true, number: true, description: true, status: true, componentId: true, plannedStart: true, plannedEnd: true, component: { select: { name: true } } },
    }),
    db.maintenanceWindow.findMany({
      where: { windowStart: { lt: to }, windowEnd: { gt: from } },
      orderBy: { windowStart: "asc" },
      take: 500,
      select: { id: true, number: true, title: true, windowStart: true, windowEnd: true, components: { select: { componentId: true } }, changes: { select: { changeId: true } } },
    }),
  ]);
  const items = [
    ...changes.flatMap((c) =>
      c.plannedStart
        ? [
            {
              key: `cr:${c.id}`,
              kind: "change" as const,
              label: `CR-${c.number} ${c.description} (${c.component.name}, ${STATUS_LABEL[c.status]})`,
              href: `/changes/${c.id}`,
              start: c.plannedStart,
              // a change planned without an end occupies its first hour on the calendar
              end: c.plannedEnd ?? new Date(c.plannedStart.getTime() + 3_600_000),
              componentIds: [c.componentId],
            },
          ]
        : [],
    ),
    ...windows.map((w) => ({
      key: `mw:${w.id}`,
      kind: "maintenance" as const,
      label: `MW-${w.number} ${w.title}`,
      href: `/maintenance/${w.id}`,
      start: w.windowStart,
      end: w.windowEnd,
      componentIds: w.components.map((c) => c.componentId),
    })),
  ];
  const links = new Set(windows.flatMap((w) => w.changes.map((c) => `cr:${c.changeId}|mw:${w.id}`)));
  // issue 18: freeze periods shown on the calendar, and direct component dependencies for the clash check
  const [freezes, deps] = await Promise.all([
    db.freezePeriod.findMany({ where: { start: { lt: to }, end: { gt: from } }, orderBy: { start: "asc" }, take: 100, select: { id: true, name: true, reason: true, start: true, end: true, componentGroup: true } }),
    db.componentDependency.findMany({ select: { componentId: true, dependsOnId: true }, take: 5000 }),
  ]);
  return { items, links, freezes, dependencies: deps.map((d) => [d.componentId, d.dependsOnId] as const) };
}
