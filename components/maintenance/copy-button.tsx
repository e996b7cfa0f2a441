"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text` to the clipboard and says so (politely, for screen readers too). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"idle" | "ok" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="outline" size="sm" onClick={copy}>
        {label}
      </Button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {copied === "ok" ? "Copied" : copied === "failed" ? "Copy failed: select the text instead" : ""}
      </span>
    </span>
  );
}
