import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** Every notFound() (lib/http/page.ts maps the domain's NotFoundError here) and every unknown URL. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl space-y-3 p-8">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>This record does not exist, or it was removed.</p>
      <Link href="/" className="text-sky-700 underline hover:no-underline dark:text-sky-400">
        Back to the overview
      </Link>
    </main>
  );
}
