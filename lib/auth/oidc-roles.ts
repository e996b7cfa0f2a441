import { ROLES, type Role } from "@/lib/auth/permissions";

/** Parsed `OIDC_ROLE_MAP` ("ops-admins:ARCHITECT,sre:SRE"): group name → role, in the order given. */
export type RoleMap = ReadonlyArray<readonly [string, Role]>;

const ROLE_RANK: Record<Role, number> = Object.fromEntries(ROLES.map((r, i) => [r, i])) as Record<Role, number>;

/** Parses `OIDC_ROLE_MAP`; throws on a pair without a colon or with an unknown role (so a typo fails at start-up). */
export function parseRoleMap(raw: string | undefined): RoleMap {
  if (!raw?.trim()) return [];
  return raw
    .split(",")
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf(":");
      if (at <= 0) throw new Error(`OIDC_ROLE_MAP: "${pair}" is not group:ROLE`);
      const group = pair.slice(0, at).trim();
      const role = pair.slice(at + 1).trim().toUpperCase();
      if (!(ROLES as readonly string[]).includes(role)) throw new Error(`OIDC_ROLE_MAP: unknown role "${role}" (one of ${ROLES.join(", ")})`);
      return [group, role as Role] as const;
    });
}

/**
 * The role of an OIDC profile: the single role claim when it names a role;
 * otherwise the highest role (ROLES order: ARCHITECT first) any of the user's
 * groups maps to; otherwise the default. Pure, so it is unit-tested.
 */
export function roleFromClaims(
  profile: Record<string, unknown>,
  opts: { roleClaim: string; groupsClaim: string; map: RoleMap; fallback: Role },
): Role {
  const claim = profile[opts.roleClaim];
  if (typeof claim === "string" && (ROLES as readonly string[]).includes(claim)) return claim as Role;
  const raw = profile[opts.groupsClaim];
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/).filter(Boolean) : [];
  let best: Role | undefined;
  for (const [group, role] of opts.map) {
    if (groups.includes(group) && (best === undefined || ROLE_RANK[role] < ROLE_RANK[best])) best = role;
  }
  return best ?? opts.fallback;
}
