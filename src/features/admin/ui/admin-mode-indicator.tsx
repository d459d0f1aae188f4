"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatTimeLeft } from "@/lib/format-time-left";
import { useTRPC } from "@/trpc/client";
import { requestAdminMode } from "./admin-mode-store";

/** "Admin mode · 12 min left · Leave" or "Read-only · Enter admin mode", in the console's nav. */
export function AdminModeIndicator() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.admin.adminMode.queryOptions());
  const exit = useMutation(trpc.admin.exitAdminMode.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.admin.adminMode.queryKey(), data) }));
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);

  if (status.isPending) return <Skeleton className="h-8 w-40" />;
  const expiresAt = status.data?.expiresAt ?? null;
  const active = Boolean(status.data?.active && expiresAt && expiresAt.getTime() > now.getTime());
  return (
    <div data-testid="admin-mode" data-active={active} className="flex flex-wrap items-center gap-2 px-3 text-xs text-muted-foreground">
      {active && expiresAt ? (
        <>
          <span className="font-medium text-foreground">Admin mode · {formatTimeLeft(expiresAt, now)} left</span>
          <Button size="sm" variant="ghost" disabled={exit.isPending} onClick={() => exit.mutate()}>
            Leave
          </Button>
        </>
      ) : (
        <>
          <span>Read-only</span>
          <Button size="sm" variant="outline" onClick={() => void requestAdminMode().then(() => queryClient.invalidateQueries({ queryKey: trpc.admin.adminMode.queryKey() }))}>
            Enter admin mode
          </Button>
        </>
      )}
    </div>
  );
}
