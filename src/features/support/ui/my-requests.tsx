"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ListCardSkeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { useTRPC } from "@/trpc/client";
import { describeClientError } from "@/trpc/errors";
import { TICKET_STATUS_LABELS } from "../constants";
import { Thread } from "./thread";
import { TextareaField } from "./textarea-field";

export function MyRequestsSkeleton() {
  return <ListCardSkeleton label="Loading your requests" rows={2} />;
}

/** The signed-in user's tickets with staff replies, live: a reply appears without a reload. */
export function MyRequests() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.support.mine.queryOptions());
  if (data.tickets.length === 0) return <p className="text-sm text-muted-foreground">You haven&apos;t written to support yet.</p>;
  return (
    <div className="flex flex-col gap-4" data-testid="my-requests">
      {data.tickets.map((t) => (
        <Card key={t.id} data-testid="my-request">
          <CardHeader className="flex-row flex-wrap items-baseline justify-between gap-2">
            <CardTitle as="h2">{t.subject}</CardTitle>
            <span className="text-xs font-medium text-muted-foreground">{TICKET_STATUS_LABELS[t.status]}</span>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <Thread messages={t.messages} />
            <FollowUp ticketId={t.id} />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

function FollowUp({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | undefined>();
  const send = useMutation(
    trpc.support.followUp.mutationOptions({
      meta: { toast: false },
      onSuccess: () => {
        setMessage("");
        toast({ title: "Sent", description: "Support will see your message right away.", variant: "success" });
        return queryClient.invalidateQueries({ queryKey: trpc.support.mine.queryKey() });
      },
      onError: (e) => setError(describeClientError(e).fieldErrors?.message?.[0] ?? describeClientError(e).message),
    }),
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        send.mutate({ ticketId, message });
      }}
      className="flex flex-col gap-2"
    >
      <TextareaField id={`follow-up-${ticketId}`} name="message" label="Add a message" rows={3} value={message} onChange={setMessage} error={error} />
      <Button type="submit" size="sm" variant="outline" disabled={send.isPending} className="self-start">
        {send.isPending ? "Sending…" : "Send"}
      </Button>
    </form>
  );
}
