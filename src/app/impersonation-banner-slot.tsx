import "server-only";
import { cookies } from "next/headers";
import { carriesImpersonation } from "@/server/http/impersonation-writes";
import { ImpersonationBannerLazy } from "@/features/impersonation/ui/impersonation-banner-lazy";
import { getQueryClient, trpc } from "@/trpc/server";

/**
 * The impersonation banner for every page (root layout). Pages without the impersonation
 * cookie — nearly all — pay nothing; with it, the status comes from the session resolved once
 * for the whole render.
 */
export async function ImpersonationBannerSlot() {
  const jar = await cookies();
  if (!carriesImpersonation(jar.getAll().map((c) => c.name))) return null;
  const status = await getQueryClient().fetchQuery(trpc.impersonation.current.queryOptions());
  return status ? <ImpersonationBannerLazy initial={status} /> : null;
}
