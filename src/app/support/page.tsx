import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { SupportForm } from "@/features/support/ui/support-form";
import { getViewer } from "@/trpc/server";

export const metadata: Metadata = { title: "Contact support" };
export const dynamic = "force-dynamic";

/** Public: the person who can't sign in is the one who writes. Signed in, the ticket carries their context. */
export default async function SupportPage() {
  const viewer = await getViewer();
  return (
    <AuthCard
      title="Contact support"
      description="Tell us what went wrong. A person reads every message."
      footer={
        viewer ? (
          <Link href="/support/requests" className="font-medium text-primary underline-offset-4 hover:underline">
            See your requests and our replies
          </Link>
        ) : (
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        )
      }
    >
      <SupportForm signedInAs={viewer ? { email: viewer.email, displayName: viewer.displayName } : null} />
    </AuthCard>
  );
}
