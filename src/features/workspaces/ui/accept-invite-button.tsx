"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describeClientError } from "@/trpc/errors";
import { trpcClient } from "@/trpc/vanilla";

/** The public invite page's one interactive bit: the vanilla client keeps its JS small. */
export function AcceptInviteButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    setPending(true);
    setError(null);
    try {
      const { slug } = await trpcClient.workspaces.acceptInvite.mutate({ token });
      router.push(`/w/${slug}`);
    } catch (err) {
      setError(describeClientError(err).message);
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <Button size="lg" onClick={() => void accept()} disabled={pending} className="self-start">
        {pending ? "Joining…" : `Join ${workspaceName}`}
      </Button>
      <p role="alert" className="text-sm text-destructive">{error}</p>
    </div>
  );
}
