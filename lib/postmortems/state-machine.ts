/**
 * Postmortem states (issue 19): Draft → In review → Published; a review can
 * send it back to Draft. Pure: the caller passes the document and who asks.
 */
export const POSTMORTEM_STATUSES = ["Draft", "InReview", "Published"] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, string> = { Draft: "Draft", InReview: "In review", Published: "Published" };

const MOVES: Record<PostmortemStatus, readonly PostmortemStatus[]> = { Draft: ["InReview"], InReview: ["Draft", "Published"], Published: [] };

export type PostmortemSections = { summary: string; impact: string; rootCause: string; wentWell: string; wentWrong: string };

/** Sections that must be written before review and publication. */
export const REQUIRED_SECTIONS = ["summary", "impact", "rootCause"] as const satisfies readonly (keyof PostmortemSections)[];

const SECTION_LABELS: Record<(typeof REQUIRED_SECTIONS)[number], string> = { summary: "Summary", impact: "Impact", rootCause: "Root cause" };

export type TransitionVerdict = { ok: true } | { ok: false; field: string; reason: string; forbidden?: true };

/**
 * Whether `to` is allowed from the postmortem's status. Publishing is for its
 * owner or someone who may manage any postmortem (`mayPublishAny`).
 */
export function checkPostmortemTransition(
  pm: { status: PostmortemStatus; ownerId: string | null } & PostmortemSections,
  to: PostmortemStatus,
  who: { id: string; mayPublishAny: boolean },
): TransitionVerdict {
  if (!MOVES[pm.status].includes(to)) {
    return { ok: false, field: "status", reason: `A postmortem in ${POSTMORTEM_STATUS_LABELS[pm.status]} cannot move to ${POSTMORTEM_STATUS_LABELS[to]}` };
  }
  if (to === "Published" && pm.ownerId !== who.id && !who.mayPublishAny) {
    return { ok: false, field: "status", reason: "Only the postmortem's owner or an architect may publish it", forbidden: true };
  }
  if (to !== "Draft") {
    for (const k of REQUIRED_SECTIONS) if (!pm[k].trim()) return { ok: false, field: k, reason: `${SECTION_LABELS[k]} must be written before ${to === "Published" ? "publishing" : "review"}` };
  }
  return { ok: true };
}

/** Target statuses reachable from `status` (for buttons). */
export function nextPostmortemStatuses(status: PostmortemStatus): PostmortemStatus[] {
  return [...MOVES[status]];
}
