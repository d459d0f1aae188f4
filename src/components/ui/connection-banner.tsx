"use client";

import { useEffect } from "react";
import { setConnectionState, useConnection, type ConnectionState } from "./connection-store";

const MESSAGES: Record<Exclude<ConnectionState, "online">, string> = {
  offline: "You're offline. Changes can't be saved until the connection is back.",
  reconnecting: "Reconnecting…",
};

function followBrowser() {
  setConnectionState(navigator.onLine ? "online" : "offline");
}

/**
 * The live region stays mounted and only its text changes: screen readers skip regions that
 * appear together with their content. Empty, it takes no space and is not visible.
 */
export function ConnectionBanner() {
  const state = useConnection((s) => s.state);

  useEffect(() => {
    if (!navigator.onLine) followBrowser();
    window.addEventListener("online", followBrowser);
    window.addEventListener("offline", followBrowser);
    return () => {
      window.removeEventListener("online", followBrowser);
      window.removeEventListener("offline", followBrowser);
    };
  }, []);

  return (
    <div
      data-testid="connection-banner"
      data-state={state}
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 top-16 z-50 flex justify-center px-4"
    >
      {state !== "online" && (
        <p className="pointer-events-auto flex items-center gap-2 rounded-full border border-warning/40 bg-warning-background px-4 py-2 text-sm font-medium text-warning shadow-md">
          <span aria-hidden="true" className="size-2 rounded-full bg-warning motion-safe:animate-pulse" />
          {MESSAGES[state]}
        </p>
      )}
    </div>
  );
}
