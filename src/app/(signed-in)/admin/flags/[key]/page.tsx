import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { FlagAuditLazy } from "@/features/flags/ui/flag-audit-lazy";
import { FlagAuditSkeleton } from "@/features/flags/ui/flag-audit-skeleton";
import { FlagEditorSkeleton } from "@/features/flags/ui/flag-editor";
import { OverrideControl } from "@/features/flags/ui/override-control";
import { WhoSeesThis } from "@/features/flags/ui/who-sees-this";
import { isFlagKey } from "@/lib/flags/registry";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";
import { FlagEditorLive } from "./flag-editor-live";

type Params = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: decodeURIComponent((await params).key) };
}

export default async function FlagPage({ params }: Params) {
  const key = decodeURIComponent((await params).key);
  if (!isFlagKey(key)) notFound();
  prefetch(trpc.flags.list.queryOptions());
  prefetch(trpc.flags.audit.infiniteQueryOptions({ key, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }));
  return (
    <HydrateClient>
      <Link href="/admin/flags" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
        ← All flags
      </Link>
      <Suspense fallback={<FlagEditorSkeleton />}>
        <FlagEditorLive flagKey={key} />
      </Suspense>
      <WhoSeesThis flagKey={key} />
      <Suspense fallback={<FlagEditorSkeleton />}>
        <OverrideControl flagKey={key} />
      </Suspense>
      <Suspense fallback={<FlagAuditSkeleton />}>
        <FlagAuditLazy flagKey={key} />
      </Suspense>
    </HydrateClient>
  );
}
