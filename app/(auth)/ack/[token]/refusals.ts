/** Why a one-click acknowledge link was refused, in words. */
export const ACK_REFUSALS: Record<"malformed" | "tampered" | "expired" | "used" | "not_allowed" | "resolved", string> = {
  malformed: "This acknowledge link is not valid.",
  tampered: "This acknowledge link is not valid.",
  expired: "This acknowledge link has expired. Open the incident in OpsGate to acknowledge it.",
  used: "This acknowledge link was already used.",
  not_allowed: "This acknowledge link cannot be used (the account is inactive or was not paged for this incident).",
  resolved: "The incident is already resolved.",
};
