"use client";

/**
 * The one error page for anything a page did not expect. It never shows the
 * error's message (the server logs it; production sends only a digest to
 * quote when reporting).
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main role="alert" className="mx-auto max-w-xl space-y-3 p-8">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p>The page could not be shown. Try again; if it keeps failing, report the reference below.</p>
      {error.digest ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <button type="button" onClick={reset} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
        Try again
      </button>
    </main>
  );
}
