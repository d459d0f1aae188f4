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

/** Rows of a list whose items have two lines of text and an action button on the right. */
export function SkeletonRows({ rows = 3 }: { rows?: number }) {
  return (
    <div aria-hidden="true" className="flex flex-col divide-y divide-border">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center justify-between py-3">
          <div className="flex flex-col gap-2">
            <Skeleton className="h-4 w-56" />
            <Skeleton className="h-4 w-96 max-w-full" />
          </div>
          <Skeleton className="h-8 w-20" />
        </div>
      ))}
    </div>
  );
}

/** A card's title, description and (optionally) a button at the right, as placeholders. */
export function CardHeaderSkeleton({ action = true }: { action?: boolean }) {
  return (
    <div aria-hidden="true" className="flex items-start justify-between gap-4 p-6 pb-0">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      {action ? <Skeleton className="h-8 w-40" /> : null}
    </div>
  );
}

/** A card holding such a list: title, description and a header action, then the rows. */
export function ListCardSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <LoadingRegion label={label}>
      <div className="rounded-xl border border-border bg-card shadow-sm">
        <CardHeaderSkeleton />
        <div className="p-6">
          <SkeletonRows rows={rows} />
        </div>
      </div>
    </LoadingRegion>
  );
}

/**
 * A route's loading state (loading.tsx): the page's heading and description as placeholders,
 * then its body — usually the same skeleton the page shows in its own Suspense boundary.
 */
export function PageSkeleton({ label, heading = true, children }: { label: string; heading?: boolean; children?: ReactNode }) {
  return (
    <LoadingRegion label={label} className="flex flex-col gap-6">
      {heading ? (
        <div aria-hidden="true" className="flex flex-col gap-2">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
      ) : null}
      {children}
    </LoadingRegion>
  );
}

/** Cards in a grid, each a title and two lines: overviews and dashboards. */
export function CardGridSkeleton({ cards = 3, className }: { cards?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={cn("grid gap-4 sm:grid-cols-2 lg:grid-cols-3", className)}>
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} className="flex flex-col gap-3 rounded-xl border border-border bg-card p-6">
          <Skeleton className="size-10 rounded-lg" />
          <Skeleton className="h-5 w-32" />
          <SkeletonText lines={2} />
        </div>
      ))}
    </div>
  );
}

/** A card holding a form: title, description, then labelled fields and a button. */
export function FormCardSkeleton({ fields = 2 }: { fields?: number }) {
  return (
    <div aria-hidden="true" className="flex flex-col gap-5 rounded-xl border border-border bg-card p-6">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
      {Array.from({ length: fields }, (_, i) => (
        <div key={i} className="flex flex-col gap-2">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-10 w-full" />
        </div>
      ))}
      <Skeleton className="h-10 w-32" />
    </div>
  );
}
