"use client";
import { TRPCClientError } from "@trpc/client";
import { create } from "zustand";
import { ADMIN_MODE_REQUIRED } from "@/lib/admin-mode";

type Waiter = (entered: boolean) => void;

/** Whether the admin-mode dialog is open, and who is waiting for it to close. UI state only. */
export const useAdminModeDialog = create<{ open: boolean; waiters: Waiter[] }>(() => ({ open: false, waiters: [] }));

/** Opens the dialog (once, however many writes ask); resolves true when admin mode was entered. */
export function requestAdminMode(): Promise<boolean> {
  return new Promise((resolve) => useAdminModeDialog.setState(({ waiters }) => ({ open: true, waiters: [...waiters, resolve] })));
}

export function closeAdminModeDialog(entered: boolean): void {
  const { waiters } = useAdminModeDialog.getState();
  useAdminModeDialog.setState({ open: false, waiters: [] });
  for (const resolve of waiters) resolve(entered);
}

export function isAdminModeRequired(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { reason?: unknown } | undefined)?.reason === ADMIN_MODE_REQUIRED;
}

/**
 * Runs a staff write; if the server answers "admin mode required", asks for the password (the
 * dialog mounted by the admin layout) and runs it once more. Cancelling rethrows the original
 * error, so the caller's rollback and toast still happen.
 */
export async function withAdminMode<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isAdminModeRequired(error) || !(await requestAdminMode())) throw error;
    return fn();
  }
}

/** `useMutation(adminMutation(trpc.admin.x.mutationOptions({...})))`: the same options, retried through admin mode. */
export function adminMutation<O extends { mutationFn?: (...args: never[]) => Promise<unknown> }>(options: O): O {
  const run = options.mutationFn;
  if (!run) return options;
  return { ...options, mutationFn: ((...args: Parameters<typeof run>) => withAdminMode(() => run(...args))) as typeof run };
}
