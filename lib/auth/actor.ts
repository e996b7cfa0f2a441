import type { Role } from "@/lib/auth/permissions";

/** The signed-in user as the domain sees it. Loaded from the database on every request, so a role change or deactivation takes effect at once. */
export type Actor = { id: string; email: string; name: string; role: Role; /** set when the request authenticated with an API token */ apiTokenId?: string };
