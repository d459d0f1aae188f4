"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { ListCardSkeleton, SkeletonText } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";
import { describeClientError } from "@/trpc/errors";
import { TICKET_STATUS_LABELS, TICKET_STATUSES, type TicketStatus } from "../constants";
import type { TicketDetail } from "../schemas";
import { supportTime, Thread } from "./thread";
import { TextareaField } from "./textarea-field";

/** The staff inbox: one status at a time, newest first; a new or changed ticket refreshes it live. */
export function StaffInbox({ me }: { me: { id: string; name: string } }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<TicketStatus>("open");
  const [selected, setSelected] = useState<string | null>(null);
  const inbox = useQuery(trpc.support.inbox.queryOptions({ status }));
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div className="flex flex-col gap-3">
        <div role="tablist" aria-label="Ticket status" className="flex gap-1">
          {TICKET_STATUSES.map((s) => (
            <button
              key={s}
              role="tab"
              aria-selected={status === s}
              onClick={() => setStatus(s)}
              className={cn("rounded-md px-3 py-1.5 text-sm", status === s ? "bg-primary text-primary-foreground" : "hover:bg-muted")}
            >
              {TICKET_STATUS_LABELS[s]} {inbox.data ? <span className="tabular-nums">({inbox.data.counts[s]})</span> : null}
            </button>
          ))}
        </div>
        {inbox.isPending ? (
          <ListCardSkeleton label="Loading tickets" rows={5} />
        ) : inbox.isError ? (
          <p role="alert" className="text-sm">{describeClientError(inbox.error).message}</p>
        ) : inbox.data.items.length === 0 ? (
          <EmptyState
            compact
            title={status === "open" ? "Inbox zero" : status === "waiting" ? "No tickets waiting on a customer" : "No solved tickets yet"}
            description={
              status === "open"
                ? "Tickets arrive here live when someone writes in from the support page (signed in or not, or from a refused sign-in). Replies are emailed to them."
                : "Tickets move here when staff set their status; new ones wait under Open."
            }
            action={status === "open" ? <ButtonLink href="/support" size="sm" variant="outline">See the support page</ButtonLink> : undefined}
          />
        ) : (
          <ul aria-label="Tickets" data-testid="support-tickets" className="divide-y divide-border rounded-xl border border-border bg-card">
            {inbox.data.items.map((t) => (
              <li key={t.id}>
                <button onClick={() => setSelected(t.id)} aria-current={selected === t.id} className={cn("flex w-full flex-col gap-0.5 px-4 py-3 text-left hover:bg-muted", selected === t.id && "bg-muted")}>
                  <span className="text-sm font-medium">{t.subject}</span>
                  <span className="text-xs text-muted-foreground">
                    {t.name} &lt;{t.email}&gt; · {supportTime.format(t.lastMessageAt)} UTC{t.assigneeName ? ` · ${t.assigneeName}` : " · unassigned"}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {selected ? <TicketPane ticketId={selected} me={me} /> : <p className="text-sm text-muted-foreground">Pick a ticket to read and answer it.</p>}
    </div>
  );
}

function TicketPane({ ticketId, me }: { ticketId: string; me: { id: string; name: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.support.ticket.queryKey({ ticketId });
  const ticket = useQuery(trpc.support.ticket.queryOptions({ ticketId }));
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: key }), queryClient.invalidateQueries({ queryKey: trpc.support.inbox.queryKey() })]);

  /** Status and assignee change at once on screen; a refusal puts them back and says why. */
  function optimistic<I>(patch: (t: TicketDetail, input: I) => TicketDetail, what: string) {
    return {
      meta: { toast: false },
      onMutate: async (input: I) => {
        await queryClient.cancelQueries({ queryKey: key });
        const before = queryClient.getQueryData<TicketDetail>(key);
        if (before) queryClient.setQueryData(key, patch(before, input));
        return { before };
      },
      onError: (error: unknown, _input: I, context: { before?: TicketDetail } | undefined) => {
        if (context?.before) queryClient.setQueryData(key, context.before);
        toast({ title: `Couldn't ${what}`, description: describeClientError(error).message, variant: "error" as const });
      },
      onSettled: refresh,
    };
  }
  const setStatus = useMutation(trpc.support.setStatus.mutationOptions(optimistic((t, i: { status: TicketStatus }) => ({ ...t, status: i.status }), "change the status")));
  const assign = useMutation(trpc.support.assign.mutationOptions(optimistic((t, i: { assigneeId: string | null }) => ({ ...t, assignee: i.assigneeId ? { id: me.id, name: me.name } : null }), "change the assignee")));

  if (ticket.isPending) {
    return (
      <Card aria-busy="true">
        <CardContent className="pt-6">
          <SkeletonText lines={6} />
        </CardContent>
      </Card>
    );
  }
  if (ticket.isError) return <p role="alert" className="text-sm">{describeClientError(ticket.error).message}</p>;
  const t = ticket.data;
  return (
    <Card data-testid="support-ticket">
      <CardHeader className="flex flex-col gap-2">
        <CardTitle as="h2">{t.subject}</CardTitle>
        <p className="text-sm text-muted-foreground">
          {t.name} &lt;{t.email}&gt; · filed {supportTime.format(t.createdAt)} UTC
        </p>
        {t.user ? (
          <p className="flex flex-wrap gap-3 text-sm">
            <Link href={`/admin/users/${t.user.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
              {t.user.displayName}&apos;s account{t.user.filedSignedIn ? "" : " (same address; filed signed out)"}
            </Link>
            <Link href={`/admin/users/${t.user.id}#impersonate`} className="font-medium text-primary underline-offset-4 hover:underline">
              Impersonate…
            </Link>
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">No account has this address.</p>
        )}
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-muted-foreground">
          {t.workspace ? (<><dt>Workspace</dt><dd>{t.workspace.name} ({t.workspace.slug})</dd></>) : null}
          {t.context.page ? (<><dt>Page</dt><dd>{t.context.page}</dd></>) : null}
          {t.context.requestIds.length > 0 ? (<><dt>Requests</dt><dd className="font-mono break-all">{t.context.requestIds.join(" ")}</dd></>) : null}
          {t.context.browser ? (<><dt>Browser</dt><dd className="break-all">{t.context.browser}</dd></>) : null}
        </dl>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="ticket-status" className="text-sm">Status</label>
          <Select id="ticket-status" value={t.status} onChange={(e) => setStatus.mutate({ ticketId: t.id, status: e.target.value as TicketStatus })}>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>{TICKET_STATUS_LABELS[s]}</option>
            ))}
          </Select>
          <span className="text-sm" data-testid="ticket-assignee">{t.assignee ? `Assigned to ${t.assignee.name}` : "Unassigned"}</span>
          {t.assignee?.id === me.id ? (
            <Button size="sm" variant="ghost" onClick={() => assign.mutate({ ticketId: t.id, assigneeId: null })}>Unassign</Button>
          ) : (
            <Button size="sm" variant="outline" onClick={() => assign.mutate({ ticketId: t.id, assigneeId: me.id })}>Assign to me</Button>
          )}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Thread messages={t.messages} />
        <Compose ticketId={t.id} onDone={refresh} />
      </CardContent>
    </Card>
  );
}

function Compose({ ticketId, onDone }: { ticketId: string; onDone: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const done = (title: string) => () => {
    setText("");
    toast({ title, variant: "success" });
    return onDone();
  };
  const fail = (e: unknown) => {
    const d = describeClientError(e);
    setError(d.fieldErrors?.message?.[0] ?? d.fieldErrors?.note?.[0] ?? d.message);
  };
  const reply = useMutation(trpc.support.reply.mutationOptions({ meta: { toast: false }, onSuccess: done("Reply sent by email"), onError: fail }));
  const note = useMutation(trpc.support.note.mutationOptions({ meta: { toast: false }, onSuccess: done("Note added"), onError: fail }));
  const busy = reply.isPending || note.isPending;
  return (
    <form onSubmit={(e) => e.preventDefault()} className="flex flex-col gap-2" aria-label="Answer">
      <TextareaField id="support-reply" name="message" label="Reply or internal note" rows={5} value={text} onChange={setText} error={error} />
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" disabled={busy} onClick={() => (setError(undefined), reply.mutate({ ticketId, message: text, status: "waiting" }))}>
          Send reply
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={busy} onClick={() => (setError(undefined), reply.mutate({ ticketId, message: text, status: "solved" }))}>
          Send and solve
        </Button>
        <Button type="button" size="sm" variant="ghost" disabled={busy} onClick={() => (setError(undefined), note.mutate({ ticketId, note: text }))}>
          Add internal note
        </Button>
      </div>
    </form>
  );
}
