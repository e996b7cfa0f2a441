import { CopyButton } from "@/components/ui/copy-button";

/** The Incident Communication block with a copy-to-clipboard button. */
export function CopyBlock({ text }: { text: string }) {
  return (
    <div className="relative">
      <pre data-testid="incident-block" className="overflow-x-auto rounded-md bg-slate-950 p-4 pr-28 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-100">
        {text}
      </pre>
      <span className="absolute top-2 right-2">
        <CopyButton text={text} label="Copy block" className="bg-white dark:bg-slate-900" statusClassName="sr-only" />
      </span>
    </div>
  );
}
