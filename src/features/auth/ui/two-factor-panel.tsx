"use client";
import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toast-store";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";
import { DisableTwoFactorForm, RegenerateRecoveryCodesForm } from "./manage-two-factor-forms";
import { RecoveryCodesView } from "./recovery-codes-view";
import { TwoFactorEnrollment } from "./two-factor-enrollment";

export function TwoFactorPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: status } = useSuspenseQuery(trpc.twoFactor.status.queryOptions());
  // Plain recovery codes live only here, only until the person says they saved them.
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) {
    return (
      <Card data-testid="two-factor-panel">
        <CardHeader>
          <CardTitle>Your recovery codes</CardTitle>
        </CardHeader>
        <CardContent>
          <RecoveryCodesView codes={codes} onDone={() => setCodes(null)} />
        </CardContent>
      </Card>
    );
  }

  const low = status.recoveryCodesRemaining <= 3;
  return (
    <div className="flex flex-col gap-6" data-testid="two-factor-panel">
      <Card>
        <CardHeader>
          <CardTitle>Two-factor authentication</CardTitle>
          <CardDescription>
            <span className="inline-flex items-center gap-2">
              <span aria-hidden="true" className={cn("size-2 rounded-full", status.enabled ? "bg-success" : "bg-muted-foreground")} />
              <span data-testid="two-factor-state">{status.enabled ? "On" : "Off"}</span>
            </span>
            {status.enabled ? (
              <span className={cn("ml-2", low && "font-medium text-destructive")}>
                · {status.recoveryCodesRemaining} of 10 recovery codes left{low ? ": make new ones below" : ""}
              </span>
            ) : null}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {status.enabled ? (
            <p className="text-sm text-muted-foreground">Signing in asks for a code from your authenticator app after your password.</p>
          ) : (
            <TwoFactorEnrollment
              onEnrolled={(recoveryCodes) => {
                queryClient.setQueryData(trpc.twoFactor.status.queryKey(), { enabled: true, recoveryCodesRemaining: recoveryCodes.length });
                toast({ title: "Two-factor authentication is on", description: "Save your recovery codes before you leave this page.", variant: "success" });
                setCodes(recoveryCodes);
              }}
            />
          )}
        </CardContent>
      </Card>
      {status.enabled ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Recovery codes</CardTitle>
            </CardHeader>
            <CardContent>
              <RegenerateRecoveryCodesForm onCodes={setCodes} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Turn off two-factor authentication</CardTitle>
            </CardHeader>
            <CardContent>
              <DisableTwoFactorForm />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}
