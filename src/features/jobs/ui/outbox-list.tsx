"use client";
import { useMutation, useQueryClient, useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { nextOutboxCursor, outboxQueryInput, OUTBOX_STATES } from "../constants";
import type { OutboxRow } from "../schemas";
import { formatTime } from "./format";
import { plural } from "@/lib/plural";
import type { AdminWrite } from "@/lib/admin-mode";

type State = (typeof OUTBOX_STATES)[number];
const STATE_LABEL: Record<State, string> = { dead_lettered: "Dead-lettered", pending: "Waiting", sent: "Sent" };
const OUTBOX_EMPTY: Record<State, { title: string; description: string }> = {
  dead_lettered: { title: "No email gave up", description: "An email that fails every retry lands here, with its last error and a Replay button. All mail has gone out so far." },
  pending: { title: "Nothing waiting to send", description: "Emails wait here between their commit and delivery, or between retries when the mail server refuses them." },
  sent: { title: "No sent emails kept", description: "Sent emails are listed here (without their bodies) for 30 days, then deleted." },
};

function useReplayEmail(state: State, adminMutation: AdminWrite) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.jobs.outbox.infiniteQueryKey(outboxQueryInput(state));
  return useMutation(
    adminMutation(
      trpc.jobs.replayEmail.mutationOptions({
        meta: { toast: false },
        // The row leaves the dead-letter list at once; on failure it comes back.
        onMutate: async ({ outboxId }) => {
          await queryClient.cancelQueries({ queryKey: listKey });
          const previous = queryClient.getQueryData(listKey);
          queryClient.setQueryData(listKey, (old) =>
            old ? { ...old, pages: old.pages.map((page) => ({ ...page, items: page.items.filter((row) => row.id !== outboxId) })) } : old,
          );
          return { previous };
        },
        onError: (error, _input, context) => {
          queryClient.setQueryData(listKey, context?.previous);
          toast({ title: "Email not replayed", description: `${describeClientError(error).message} It is back in the list; try again.`, variant: "error" });
        },
        onSuccess: (result) =>
          toast(
            result.kind === "replayed"
              ? { title: "Email replayed", description: result.via === "inngest" ? "It is queued for delivery again; watch the runs below." : "It was delivered inline (no Inngest configured).", variant: "success" }
              : { title: "Nothing to replay", description: "That email is no longer dead-lettered (already replayed or sent).", variant: "default" },
          ),
        onSettled: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.jobs.outbox.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.jobs.overview.queryKey() });
        },
      }),
    ),
  );
}

function Row({ row, onReplay, replaying }: { row: OutboxRow; onReplay?: () => void; replaying: boolean }) {
  return (
    <li data-testid="outbox-row" className="flex flex-wrap items-start justify-between gap-3 py-3">
      <div className="flex min-w-0 flex-col gap-0.5 text-sm">
        <span className="font-medium">
          {row.subject ?? `(${row.kind})`} <span className="font-normal text-muted-foreground">→ {row.to ?? "unknown recipient"}</span>
        </span>
        <span className="text-muted-foreground">
          queued {formatTime(row.createdAt)} · {plural(row.attempts, "delivery attempt")}
          {row.relayAttempts ? ` · ${plural(row.relayAttempts, "failed relay attempt")}` : ""}
          {row.replays ? ` · replayed ${row.replays}×` : ""}
          {row.sentAt ? ` · sent ${formatTime(row.sentAt)}` : row.relayedAt ? ` · handed to Inngest ${formatTime(row.relayedAt)}` : ""}
          {row.deadLetteredAt ? ` · gave up ${formatTime(row.deadLetteredAt)}` : ""}
        </span>
        {row.lastError ? <code className="break-all text-xs text-destructive">{row.lastError}</code> : null}
        <span className="font-mono text-xs text-muted-foreground">{row.id}</span>
      </div>
      {onReplay ? (
        <Button variant="outline" size="sm" onClick={onReplay} disabled={replaying} aria-label={`Replay email to ${row.to ?? row.id}`}>
          Replay
        </Button>
      ) : null}
    </li>
  );
}

/** `adminMutation`: a replay is a staff write, so it goes through admin mode (wired in app/). */
export function OutboxList({ initialState = "dead_lettered", adminMutation }: { initialState?: State; adminMutation: AdminWrite }) {
  const [state, setState] = useState<State>(initialState);
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.jobs.outbox.infiniteQueryOptions(outboxQueryInput(state), { getNextPageParam: nextOutboxCursor }),
  );
  const replay = useReplayEmail(state, adminMutation);
  const rows = data.pages.flatMap((p) => p.items);
  return (
    <Card data-testid="outbox-list">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Email outbox</CardTitle>
          <CardDescription>Dead-lettered emails exhausted their retries; Replay sends one through delivery again. Bodies are not shown (they hold sign-in links).</CardDescription>
        </div>
        <div role="group" aria-label="Outbox filter" className="flex gap-1">
          {OUTBOX_STATES.map((s) => (
            <Button key={s} variant={s === state ? "secondary" : "ghost"} size="sm" aria-pressed={s === state} onClick={() => setState(s)}>
              {STATE_LABEL[s]}
            </Button>
          ))}
        </div>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState compact {...OUTBOX_EMPTY[state]} />
        ) : (
          <ul aria-label={`${STATE_LABEL[state]} emails`} className="divide-y divide-border">
            {rows.map((row) => (
              <Row
                key={row.id}
                row={row}
                replaying={replay.isPending && replay.variables?.outboxId === row.id}
                onReplay={state === "dead_lettered" ? () => replay.mutate({ outboxId: row.id }) : undefined}
              />
            ))}
          </ul>
        )}
        {hasNextPage ? (
          <Button variant="outline" size="sm" className="mt-3" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Show more"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
