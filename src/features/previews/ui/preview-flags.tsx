"use client";
import { useState } from "react";
import { loadOnOpen } from "@/components/ui/load-on-open";
import type { PreviewDto } from "../schemas";

// The rows (the flag registry, value inputs, the mutation) load on demand, preloaded when idle (decision 041).
const PreviewFlagList = loadOnOpen(() => import("./preview-flag-list"));

/**
 * A preview's flag values (decision 037): each flag of the registry, set for everyone in this
 * preview above its targeting, or cleared. Its data comes with the list (the list's skeleton
 * covers it). The preview reads them from its runtime file on its next page load.
 */
export function PreviewFlags({ preview: p }: { preview: PreviewDto }) {
  const set = Object.keys(p.flags).length;
  const [open, setOpen] = useState(false);
  return (
    <details className="group rounded-md border border-border" data-testid="preview-flags" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium select-none">
        Flags <span className="font-normal text-muted-foreground">· {set === 0 ? "none set" : `${set} set`}</span>
      </summary>
      <PreviewFlagList open={open} preview={p} />
    </details>
  );
}
