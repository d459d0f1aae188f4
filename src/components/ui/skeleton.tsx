import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A placeholder block; size it with className to match the content it stands in for. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-foreground/10 motion-reduce:animate-none", className)}
    />
  );
}

/** Lines of text; the last one is shorter, as a paragraph's last line usually is. */
export function SkeletonText({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={cn("flex flex-col gap-2", className)}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn("h-4", i === lines - 1 && lines > 1 ? "w-3/5" : "w-full")} />
      ))}
    </div>
  );
}

type LoadingRegionProps = {
  /** What is loading, read out instead of the (hidden) skeletons, e.g. "Loading status". */
  label?: string;
  children: ReactNode;
  className?: string;
};

export function LoadingRegion({ label = "Loading", children, className }: LoadingRegionProps) {
  return (
    <div aria-busy="true" className={className}>
      <span className="sr-only">{label}…</span>
      {children}
    </div>
  );
}
