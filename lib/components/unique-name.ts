import "server-only";
import type { Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

const TAKEN = "A component with this name already exists";

/** Names are unique regardless of case ("DNS" and "dns" would confuse every picker). */
export async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.component.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ConflictError(TAKEN, { name: TAKEN });
}

/** A concurrent insert can still win the race: the unique index decides, and we answer 409 the same way. */
export function mapUniqueViolation(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ConflictError(TAKEN, { name: TAKEN });
  throw error;
}
