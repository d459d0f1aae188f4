import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { userIdInput } from "@/features/admin/schemas";
import { DetailSkeleton } from "@/features/admin/ui/detail-parts";
import { UserDetail } from "@/features/admin/ui/user-detail";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";
import { Impersonate } from "./impersonate";

export const metadata: Metadata = { title: "User" };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = userIdInput.safeParse({ id: (await params).id });
  if (!parsed.success) notFound();
  prefetch(trpc.admin.user.queryOptions(parsed.data));
  prefetch(trpc.admin.userRecentRequests.queryOptions(parsed.data));
  return (
    <HydrateClient>
      <Suspense fallback={<DetailSkeleton label="Loading the account" />}>
        <UserDetail userId={parsed.data.id} actions={<Impersonate userId={parsed.data.id} />} />
      </Suspense>
    </HydrateClient>
  );
}
