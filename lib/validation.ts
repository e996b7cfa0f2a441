import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

/** Maps zod issues to `{field: message}` (first message per field; nested paths dotted). */
export function zodFields(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses or throws a ValidationError carrying field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(zodFields(result.error));
  return result.data;
}
