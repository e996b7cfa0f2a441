import { z } from "zod";

/** `?limit=` (1–100, default 25) and `?cursor=` (opaque id), API.md "Lists". */
export const paginationSchema = z.object({
  limit: z.coerce.number().int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(25),
  cursor: z.string().min(1).max(200).optional(),
});
export type Pagination = z.infer<typeof paginationSchema>;

/** Takes `limit + 1` rows fetched after the cursor and returns the page shape. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string) {
  const data = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorOf(data[data.length - 1]) : null;
  return { data, nextCursor };
}
