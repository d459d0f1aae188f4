"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";

export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      meta: { toast: false },
      onSuccess: async ({ slug }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.mine.queryKey() });
        toast({ title: "Workspace created", description: `${name.trim()} is ready. Invite your team from Members.`, variant: "success" });
        router.push(`/w/${slug}`);
      },
      onError: (err) => {
        const { fieldErrors, toast: message } = describeFormError(err, ["name"]);
        setError(fieldErrors.name ?? null);
        if (message) toast({ title: "Workspace not created", description: message, variant: "error" });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    // The server checks the name; its message lands under the field (onError).
    setError(null);
    create.mutate({ name });
  }

  return (
    <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-3">
      <Label htmlFor="workspace-name">Workspace name</Label>
      <Input
        id="workspace-name"
        name="name"
        value={name}
        autoFocus
        maxLength={120}
        placeholder="e.g. Acme Engineering"
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "workspace-name-error" : undefined}
      />
      <FieldError id="workspace-name-error">{error}</FieldError>
      <Button type="submit" disabled={create.isPending} className="self-start">
        {create.isPending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
