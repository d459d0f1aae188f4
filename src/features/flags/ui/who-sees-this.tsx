"use client";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LoadingRegion, SkeletonText } from "@/components/ui/skeleton";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";

/** "Who sees this": a user and/or a workspace → the value, the variant and the rule that decided. */
export function WhoSeesThis({ flagKey }: { flagKey: string }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [slug, setSlug] = useState("");
  const [asked, setAsked] = useState<{ userEmail: string | null; workspaceSlug: string | null } | null>(null);
  const query = useQuery({ ...trpc.flags.explain.queryOptions({ key: flagKey, ...(asked ?? { userEmail: null, workspaceSlug: null }) }), enabled: asked !== null, retry: false });
  const failure = query.error ? describeClientError(query.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAsked({ userEmail: email.trim() || null, workspaceSlug: slug.trim() || null });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Who sees this</CardTitle>
        <CardDescription>Pick a user, a workspace or both: the value they get and why, from the same evaluation the app runs.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="Who sees this">
          <div className="flex flex-col gap-1">
            <Label htmlFor="explain-email">User email</Label>
            <Input id="explain-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={failure?.fieldErrors?.userEmail ? true : undefined} aria-describedby="explain-email-error" />
            <FieldError id="explain-email-error">{failure?.fieldErrors?.userEmail?.[0]}</FieldError>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="explain-workspace">Workspace slug</Label>
            <Input id="explain-workspace" value={slug} onChange={(e) => setSlug(e.target.value)} aria-invalid={failure?.fieldErrors?.workspaceSlug ? true : undefined} aria-describedby="explain-workspace-error" />
            <FieldError id="explain-workspace-error">{failure?.fieldErrors?.workspaceSlug?.[0]}</FieldError>
          </div>
          <Button type="submit" variant="outline">
            Check
          </Button>
        </form>
        {query.isFetching ? (
          <LoadingRegion label="Evaluating">
            <SkeletonText lines={2} />
          </LoadingRegion>
        ) : query.data ? (
          <div data-testid="explain-result" className="rounded-md border border-border p-3 text-sm">
            <p>
              <span className="font-medium">{query.data.user?.email ?? "Signed out"}</span>
              {query.data.workspace ? ` in ${query.data.workspace.name} (${query.data.workspace.plan})` : ""} gets{" "}
              <span className="font-mono font-semibold" data-testid="explain-variant">
                {query.data.variant}
              </span>
            </p>
            <p className="text-muted-foreground">
              {query.data.explanation} <span className="font-mono text-xs">({query.data.reason})</span>
            </p>
          </div>
        ) : failure && !failure.fieldErrors ? (
          <p role="alert" className="text-sm text-destructive">
            {failure.message}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
