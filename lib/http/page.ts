import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/**
 * The one place a page maps the domain's NotFoundError: to app/not-found.tsx
 * (HTTP 404). Everything else reaches app/error.tsx, which shows no message.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
