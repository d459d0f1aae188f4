"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/trpc/client";
import { useRevokeSessions } from "./use-revoke-session";

// UTC, so the server render and the browser agree.
const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function SessionsList() {
  const trpc = useTRPC();
  const { data: sessions } = useSuspenseQuery(trpc.sessions.list.queryOptions());
  const { revoke, revokeOthers } = useRevokeSessions();
  const others = sessions.filter((s) => !s.current).length;

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Where you&apos;re signed in</CardTitle>
          <CardDescription>Sign out any device you don&apos;t recognise, then change your password.</CardDescription>
        </div>
        <Button variant="outline" size="sm" onClick={() => revokeOthers.mutate()} disabled={others === 0 || revokeOthers.isPending}>
          Sign out all other sessions
        </Button>
      </CardHeader>
      <CardContent>
        <ul aria-label="Sessions" data-testid="sessions-list" className="divide-y divide-border">
          {sessions.map((session) => (
            <li key={session.id} data-testid="session-row" className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="flex min-w-0 flex-col gap-0.5">
                <span className="flex items-center gap-2 text-sm font-medium">
                  {session.device}
                  {session.current ? (
                    <span className="rounded-full bg-success/15 px-2 py-0.5 text-xs font-semibold text-success">This device</span>
                  ) : null}
                </span>
                <span className="text-sm text-muted-foreground">
                  {session.ip ?? "Unknown address"} · last active {time.format(session.lastSeenAt)} UTC · signed in {time.format(session.createdAt)} UTC
                </span>
              </div>
              <Button
                variant={session.current ? "ghost" : "outline"}
                size="sm"
                onClick={() => revoke.mutate({ id: session.id })}
                aria-label={session.current ? "Sign out of this device" : `Sign out ${session.device}`}
              >
                {session.current ? "Sign out" : "Revoke"}
              </Button>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
