import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient } from "@/trpc/hydrate-client";
import { getViewer, prefetch, trpc } from "@/trpc/server";
import { PreviewsLive } from "./previews-live";

export const metadata: Metadata = { title: "Previews" };

/** Product and admin staff (support staff get a 404, as everyone outside /admin does). */
export default async function PreviewsPage() {
  const viewer = await getViewer();
  if (viewer?.staffRole !== "product" && viewer?.staffRole !== "admin") notFound();
  prefetch(trpc.previews.list.queryOptions());
  prefetch(trpc.previews.branches.queryOptions());
  return (
    <HydrateClient>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Previews</h1>
        <p className="text-sm text-muted-foreground">Any branch running with the seeded characters, without asking an engineer. Each expires on its own.</p>
      </div>
      <PreviewsLive />
    </HydrateClient>
  );
}
