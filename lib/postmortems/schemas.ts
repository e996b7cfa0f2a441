/**
 * zod schemas of postmortem input (issue 19), shared by the page's server
 * actions and /api/v1/postmortems. Every text field has a max length.
 */
import { z } from "zod";
import { POSTMORTEM_STATUSES } from "./state-machine";

export const SECTION_MAX = 20_000;
export const FOLLOW_UP_TITLE_MAX = 300;

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const section = z.string({ message: "Must be text" }).max(SECTION_MAX, `At most ${SECTION_MAX} characters`);
const version = z.coerce.number({ error: "version is required" }).int("version is required").min(1, "version is required");
const dueDate = z.preprocess(
  (v) => {
    const b = blankToNull(v);
    if (typeof b !== "string") return b;
    return new Date(/^\d{4}-\d{2}-\d{2}$/.test(b.trim()) ? `${b.trim()}T00:00:00Z` : b);
  },
  z.date({ message: "Enter a date (YYYY-MM-DD)" }).refine((d) => !Number.isNaN(d.getTime()), "Enter a valid date (YYYY-MM-DD)").nullable(),
);
const userId = z.preprocess(blankToNull, z.string().max(100, "At most 100 characters").nullable());

/** PATCH /postmortems/{id}: any subset of the sections, plus the `version` the edit is based on. */
export const updatePostmortemSchema = z
  .object({ summary: section, impact: section, rootCause: section, wentWell: section, wentWrong: section, ownerId: userId })
  .partial()
  .extend({ version })
  .strict();

export const transitionPostmortemSchema = z.object({ to: z.enum(POSTMORTEM_STATUSES, { message: "Choose Draft, InReview or Published" }), version }).strict();

export const FOLLOW_UP_STATUSES = ["Open", "Done"] as const;

const followUpFields = {
  title: z.string({ message: "Title is required" }).trim().min(1, "Title is required").max(FOLLOW_UP_TITLE_MAX, `At most ${FOLLOW_UP_TITLE_MAX} characters`),
  ownerId: userId,
  dueAt: dueDate,
  status: z.enum(FOLLOW_UP_STATUSES, { message: "Choose Open or Done" }),
  changeId: z.preprocess(blankToNull, z.string().max(100, "At most 100 characters").nullable()),
};

export const createFollowUpSchema = z.object(followUpFields).partial({ ownerId: true, dueAt: true, status: true, changeId: true }).strict();
export const updateFollowUpSchema = z.object(followUpFields).partial().strict();

export const listPostmortemsQuerySchema = z.object({ status: z.enum(POSTMORTEM_STATUSES, { message: "Unknown status" }).optional() });
