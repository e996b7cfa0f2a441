import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, type Pagination } from "@/lib/http/pagination";
import type { ComponentDto } from "@/lib/components/schemas";

export const componentSelect = {
  id: true,
  iacManaged: true,
  iacRepository: true,
  name: true,
  group: true,
  ownerRole: true,
  public: true,
  status: true,
  description: true,
  position: true,
  alertMatchers: true,
} satisfies Prisma.ComponentSelect;

/** A selected row as the API returns it: the stored JSON matchers typed (they were validated on write). */
export function toComponentDto<T extends { alertMatchers: Prisma.JsonValue }>(row: T): Omit<T, "alertMatchers"> & { alertMatchers: ComponentDto["alertMatchers"] } {
  const list = Array.isArray(row.alertMatchers) ? (row.alertMatchers as { name: string; value: string; isRegex?: boolean }[]) : [];
  return { ...row, alertMatchers: list.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex ?? false })) };
}

const ORDER: Prisma.ComponentOrderByWithRelationInput[] = [{ group: "asc" }, { position: "asc" }, { name: "asc" }];

type Key = { group: string; position: number; name: string };

/** The cursor is the sort key of the last row (opaque base64url), so it stays valid if that row changes or goes. */
export function encodeCursor(c: Key): string {
  return Buffer.from(JSON.stringify([c.group, c.position, c.name])).toString("base64url");
}

export function decodeCursor(cursor: string): Key {
  try {
    const [group, position, name] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof group === "string" && typeof name === "string" && Number.isInteger(position)) return { group, position: position as number, name };
  } catch {
    // fall through
  }
  throw new ValidationError({ cursor: "cursor is not valid; use the nextCursor of a previous page" });
}

/** Rows strictly after the key in (group, position, name) order; name is unique, so no row repeats or is skipped. */
function after(k: Key): Prisma.ComponentWhereInput {
  return {
    OR: [
      { group: { gt: k.group } },
      { group: k.group, position: { gt: k.position } },
      { group: k.group, position: k.position, name: { gt: k.name } },
    ],
  };
}

/** One page of components ordered by group, position, name. */
export async function listComponents({ limit, cursor }: Pagination): Promise<{ data: ComponentDto[]; nextCursor: string | null }> {
  const rows = await db.component.findMany({
    where: cursor ? after(decodeCursor(cursor)) : {},
    orderBy: ORDER,
    take: limit + 1,
    select: componentSelect,
  });
  return toPage(rows.map(toComponentDto), limit, encodeCursor);
}

/** Every component in display order (the dashboard page; a team has dozens, not thousands). */
export async function listAllComponents(): Promise<ComponentDto[]> {
  return (await db.component.findMany({ orderBy: ORDER, select: componentSelect })).map(toComponentDto);
}

export async function getComponent(id: string): Promise<ComponentDto> {
  const row = await db.component.findUnique({ where: { id }, select: componentSelect });
  if (!row) throw new NotFoundError("Component");
  return toComponentDto(row);
}

/** Groups rows (already in display order) by their group, keeping order. */
export function groupComponents<T extends { group: string }>(rows: T[]): { group: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups].map(([group, items]) => ({ group, items }));
}
