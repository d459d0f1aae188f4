"use client";

import { Toast } from "radix-ui";
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

/** The toasts themselves (Radix), mounted by the Toaster. */
export default function ToastList() {
  const toasts = useToasts((state) => state.toasts);
  return (
    <Toast.Provider swipeDirection="right">
      {toasts.map((item) => (
        <ToastCard key={item.id} item={item} />
      ))}
      <Toast.Viewport className="fixed right-0 bottom-0 z-50 m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
    </Toast.Provider>
  );
}

function ToastCard({ item }: { item: ToastItem }) {
  return (
    <Toast.Root
      data-testid="toast"
      data-variant={item.variant}
      // Errors interrupt (assertive); confirmations wait their turn (polite).
      type={item.variant === "error" ? "foreground" : "background"}
      duration={DURATION_MS[item.variant]}
      onOpenChange={(open) => {
        if (!open) dismissToast(item.id);
      }}
      className={cn(
        "grid grid-cols-[1fr_auto] items-start gap-x-3 gap-y-1 rounded-lg border border-l-4 border-border bg-card p-4 text-foreground shadow-lg",
        "data-[state=open]:animate-toast-in motion-reduce:animate-none",
        "data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x)",
        ACCENT[item.variant],
      )}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <Toast.Title className="text-sm font-semibold">{item.title}</Toast.Title>
        {item.description && (
          <Toast.Description className="text-sm text-muted-foreground">{item.description}</Toast.Description>
        )}
        {item.action && (
          <Toast.Action
            altText={item.action.label}
            onClick={item.action.onClick}
            className="mt-2 self-start text-sm font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            {item.action.label}
          </Toast.Action>
        )}
      </div>
      <Toast.Close
        aria-label="Dismiss notification"
        className="-m-1 rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
      >
        <CloseIcon />
      </Toast.Close>
    </Toast.Root>
  );
}
