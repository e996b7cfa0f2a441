"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * The one copy-to-clipboard button: copies `text`, and says so (or that it
 * failed) in a polite status region, so screen readers hear it too.
 */
export function CopyButton({ text, label = "Copy", className, statusClassName }: { text: string; label?: string; className?: string; statusClassName?: string }) {
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
      <Button type="button" variant="outline" size="sm" onClick={copy} className={className}>
        {copied === "ok" ? <Check className="h-4 w-4" aria-hidden /> : <Copy className="h-4 w-4" aria-hidden />}
        {label}
      </Button>
      <span role="status" className={cn("text-xs text-slate-600 dark:text-slate-400", statusClassName)}>
        {copied === "ok" ? "Copied" : copied === "failed" ? "Copy failed: select the text instead" : ""}
      </span>
    </span>
  );
}
