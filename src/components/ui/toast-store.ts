import { create } from "zustand";

export type ToastVariant = "default" | "success" | "error";

export type ToastInput = {
  title: string;
  description?: string;
  variant?: ToastVariant;
  action?: { label: string; onClick: () => void };
};

export type ToastItem = ToastInput & { id: string; variant: ToastVariant };

// Beyond this, the oldest toast goes: a burst of failures should not bury the page.
const MAX_TOASTS = 4;

let lastId = 0;

export const useToasts = create<{ toasts: ToastItem[] }>(() => ({ toasts: [] }));

/** Shows a toast from anywhere on the client (event handlers, mutation callbacks); returns its id. */
export function toast({ variant = "default", ...input }: ToastInput): string {
  const id = String(++lastId);
  useToasts.setState(({ toasts }) => ({
    toasts: [...toasts, { ...input, id, variant }].slice(-MAX_TOASTS),
  }));
  return id;
}

export function dismissToast(id: string): void {
  useToasts.setState(({ toasts }) => ({ toasts: toasts.filter((t) => t.id !== id) }));
}
