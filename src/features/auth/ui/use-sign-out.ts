"use client";
import { useState } from "react";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { trpcClient } from "@/trpc/vanilla";

/** Signs out and loads /sign-in; a failure keeps the user here with a toast. Shared by the account and phone menus. */
export function useSignOut() {
  const [signingOut, setSigningOut] = useState(false);
  async function signOut() {
    setSigningOut(true);
    try {
      await trpcClient.auth.signOut.mutate();
      // A full load, not router.push: every cached query of the signed-in user is dropped with the page.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in");
    } catch (error) {
      setSigningOut(false);
      toast({ title: "Couldn't sign out", description: describeClientError(error).message, variant: "error" });
    }
  }
  return { signingOut, signOut };
}
