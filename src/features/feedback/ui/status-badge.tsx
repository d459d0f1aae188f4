import { cn } from "@/lib/cn";
import { POST_STATUS_LABELS, type PostStatusValue } from "../constants";

const TONE: Record<PostStatusValue, string> = {
  open: "border-border text-muted-foreground",
  under_review: "border-amber-600/40 text-amber-800 dark:text-amber-300",
  planned: "border-sky-600/40 text-sky-800 dark:text-sky-300",
  in_progress: "border-violet-600/40 text-violet-800 dark:text-violet-300",
  done: "border-emerald-600/40 text-emerald-800 dark:text-emerald-300",
  closed: "border-border text-muted-foreground line-through",
};

export function StatusBadge({ status, className }: { status: PostStatusValue; className?: string }) {
  return (
    <span data-testid="post-status" data-status={status} className={cn("inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium", TONE[status], className)}>
      {POST_STATUS_LABELS[status]}
    </span>
  );
}
