import { formatTimeLeft } from "@/lib/format-time-left";
import type { CurrentPreview } from "../server/current-preview";

/** On every page of a preview deployment: what it is and how long it stays. */
export function PreviewBanner({ preview }: { preview: CurrentPreview }) {
  return (
    <div role="status" data-testid="preview-banner" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:bg-amber-900 dark:text-amber-50">
      Preview of {preview.branch ? <>branch <strong>{preview.branch}</strong></> : "a commit"} at commit <code>{preview.commit.slice(0, 12)}</code>
      {preview.expiresAt ? <> — expires in {formatTimeLeft(preview.expiresAt)}</> : null}
    </div>
  );
}
