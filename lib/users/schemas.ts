/**
 * Maximum lengths of the account text fields (users, sign-in, API tokens): the
 * zod schemas in lib/users/commands.ts, lib/auth/config.ts and lib/auth/tokens.ts
 * and the forms' maxLength read them (one source). A pure module, so components
 * may import it.
 */
export const LIMITS = {
  /** RFC 5321 */
  email: 254,
  name: 120,
  password: 200,
  tokenName: 80,
} as const;
