/** What GET /api/v1/audit?verify=true and the Settings page show of the chain verifier's verdict. */
export type AuditVerificationDto = { ok: boolean; checked: number; firstBadId: string | null; reason: string | null };

/**
 * The verifier's verdict in one shape (pure), whichever version of lib/audit
 * answers: the single chain's `{rows, brokenAt}` or the sharded HMAC chains'
 * `{checked, firstBadId, warning}` (a warning, e.g. no signed checkpoint, is kept as the reason).
 */
export function toVerificationDto(v: { ok: boolean } & Partial<{ rows: number; checked: number; brokenAt: string; firstBadId: string; reason: string; warning: string }>): AuditVerificationDto {
  return { ok: v.ok, checked: v.checked ?? v.rows ?? 0, firstBadId: v.firstBadId ?? v.brokenAt ?? null, reason: v.reason ?? v.warning ?? null };
}
