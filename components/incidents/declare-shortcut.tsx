"use client";

import { Siren } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export const DECLARE_SHORTCUT = "Shift+D";

function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The "Declare incident" button on every dashboard page, plus the keyboard
 * shortcut Shift+D (ignored while typing in a field or with other modifiers).
 */
export function DeclareShortcut() {
  const router = useRouter();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey || !e.shiftKey) return;
      if (e.key !== "D" && e.key !== "d") return;
      if (isTyping(e.target)) return;
      e.preventDefault();
      router.push("/incidents/new");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router]);
  return (
    <section aria-label="Quick actions" className="flex justify-end px-4 pt-3 md:px-8">
      <Link
        href="/incidents/new"
        aria-keyshortcuts={DECLARE_SHORTCUT}
        title={`Declare incident (${DECLARE_SHORTCUT})`}
        className="inline-flex h-9 items-center gap-2 rounded-md bg-red-700 px-4 text-sm font-semibold text-white shadow-sm hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
      >
        <Siren aria-hidden className="h-4 w-4" />
        Declare incident
        <kbd aria-hidden className="hidden rounded border border-red-300/60 px-1 text-xs font-normal sm:inline">
          {DECLARE_SHORTCUT}
        </kbd>
      </Link>
    </section>
  );
}
