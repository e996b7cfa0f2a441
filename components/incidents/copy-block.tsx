"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The Incident Communication block with a copy-to-clipboard button. */
export function CopyBlock({ text }: { text: string }) {
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 2500);
  }
  return (
    <div className="relative">
      <pre data-testid="incident-block" className="overflow-x-auto rounded-md bg-slate-950 p-4 pr-28 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-100">
        {text}
      </pre>
      <Button type="button" variant="outline" size="sm" onClick={copy} className="absolute top-2 right-2 bg-white dark:bg-slate-900">
        {copied === "ok" ? <Check aria-hidden className="h-4 w-4" /> : <Copy aria-hidden className="h-4 w-4" />}
        Copy block
      </Button>
      <span role="status" className="sr-only">
        {copied === "ok" ? "Copied to the clipboard" : copied === "failed" ? "Copy failed: select the text and copy it" : ""}
      </span>
    </div>
  );
}
