"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { describeClientError } from "@/trpc/errors";
import { trpcClient } from "@/trpc/vanilla";

/** The public unsubscribe page's one interactive bit: the vanilla client keeps its JS small. */
export function UnsubscribeButton({ token }: { token: string }) {
  // A click before hydration would land on server HTML and do nothing: the button waits for its handler.
  const hydrated = useHydrated();
  const [state, setState] = useState<{ kind: "idle" | "pending" } | { kind: "done"; stopped: string } | { kind: "error"; message: string }>({ kind: "idle" });

  async function confirm() {
    setState({ kind: "pending" });
    try {
      const { stopped } = await trpcClient.notifications.unsubscribe.mutate({ token });
      setState({ kind: "done", stopped });
    } catch (error) {
      setState({ kind: "error", message: describeClientError(error).message });
    }
  }

  if (state.kind === "done") {
    return (
      <p role="status" className="text-sm" data-testid="unsubscribed">
        Done: you won&apos;t get emails about {state.stopped} any more. Changed your mind? Turn them back on in{" "}
        <Link href="/account/notifications" className="font-medium text-primary underline-offset-4 hover:underline">
          your notification settings
        </Link>
        .
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <Button size="lg" onClick={() => void confirm()} disabled={!hydrated || state.kind === "pending"} className="self-start">
        {state.kind === "pending" ? "Unsubscribing…" : "Unsubscribe"}
      </Button>
      <p role="alert" className="text-sm text-destructive">
        {state.kind === "error" ? state.message : null}
      </p>
    </div>
  );
}
