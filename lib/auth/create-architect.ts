import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/errors";

export const createArchitectSchema = z.object({
  email: z.email("Enter a valid email address").transform((s) => s.toLowerCase()),
  name: z.string().trim().min(1, "Name is required").max(120),
  password: z.string().min(12, "Use at least 12 characters").max(200),
});

/** Bootstraps production: creates an ARCHITECT (audited as the system). */
export async function createArchitect(input: z.input<typeof createArchitectSchema>) {
  const parsed = createArchitectSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  const { email, name, password } = parsed.data;
  if (await db.user.findUnique({ where: { email } })) throw new ConflictError(`A user with email ${email} already exists`);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name, role: "ARCHITECT", passwordHash }, select: { id: true, email: true } });
    await audit(tx, { actor: { system: "cli" }, action: "user.created", entity: "User", entityId: user.id, data: { email, role: "ARCHITECT" } });
    return user;
  });
}
