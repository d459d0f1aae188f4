"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { CloseIcon } from "./icons";
import { dismissToast, useToasts, type ToastItem, type ToastVariant } from "./toast-store";

// Errors usually ask the reader to do something, so they get time to read and act.
const DURATION_MS: Record<ToastVariant, number> = { default: 4000, success: 4000, error: 8000 };

const ACCENT: Record<ToastVariant, string> = {
  default: "border-l-border",
  success: "border-l-success",
  error: "border-l-destructive",
};

/**
 * The toasts themselves, mounted by the Toaster. Plain React, no Radix (decision 041): the list
 * loads with every page that toasts (the first toast is often "you're offline", when no more code
 * can be fetched), and Radix's toast with its shared primitives was 15 kB of every signed-in page.
 * What it did for users is kept here: errors are announced assertively, the rest politely, from
 * a labelled region; a toast closes itself after a while unless the pointer or focus
 * is on it; Escape closes the focused toast; F8 moves focus to the newest toast.
 */
export default function ToastList() {
  const toasts = useToasts((state) => state.toasts);
  const listRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "F8") return;
      const items = listRef.current?.querySelectorAll<HTMLElement>("[data-testid=toast]");
      const newest = items?.[items.length - 1];
      if (!newest) return;
      event.preventDefault();
      newest.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    // Both live regions are always in the page, so screen readers announce what is added to them:
    // errors interrupt (assertive), confirmations wait their turn (polite).
    <section ref={listRef} aria-label="Notifications (F8)" className="pointer-events-none fixed right-0 bottom-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4">
      <div aria-live="assertive" className="flex flex-col gap-2">
        {toasts.filter((item) => item.variant === "error").map((item) => (
          <ToastCard key={item.id} item={item} />
        ))}
      </div>
      <div aria-live="polite" className="flex flex-col gap-2">
        {toasts.filter((item) => item.variant !== "error").map((item) => (
          <ToastCard key={item.id} item={item} />
        ))}
      </div>
    </section>
  );
}

function ToastCard({ item }: { item: ToastItem }) {
  // Paused while the pointer or focus is on the toast, so it doesn't vanish mid-read or mid-click.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;
  const remaining = useRef(DURATION_MS[item.variant]);

  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissToast(item.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(0, remaining.current - (Date.now() - started));
    };
  }, [paused, item.id]);

  return (
    <div
      data-testid="toast"
      data-variant={item.variant}
      data-state="open"
      tabIndex={0}
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") dismissToast(item.id);
      }}
      className={cn(
        "pointer-events-auto grid grid-cols-[1fr_auto] items-start gap-x-3 gap-y-1 rounded-lg border border-l-4 border-border bg-card p-4 text-foreground shadow-lg",
        "focus-visible:outline-2 focus-visible:outline-ring data-[state=open]:animate-toast-in motion-reduce:animate-none",
        ACCENT[item.variant],
      )}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-sm font-semibold">{item.title}</p>
        {item.description && <p className="text-sm text-muted-foreground">{item.description}</p>}
        {item.action && (
          <button
            type="button"
            onClick={() => {
              item.action?.onClick();
              dismissToast(item.id);
            }}
            className="mt-2 self-start text-sm font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            {item.action.label}
          </button>
        )}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => dismissToast(item.id)}
        className="-m-1 rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
      >
        <CloseIcon />
      </button>
    </div>
  );
}
