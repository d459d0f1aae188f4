import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/features/auth/schemas";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { SignInForm } from "@/features/auth/ui/sign-in-form";
import { getViewer } from "@/trpc/server";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = safeRedirectPath(typeof raw === "string" ? raw : null);
  if (await getViewer()) redirect(next ?? "/app");
  return (
    <AuthCard
      title="Sign in"
      description="Welcome back to Groundwork."
      footer={
        <p>
          New here?{" "}
          <Link href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"} className="font-medium text-primary underline-offset-4 hover:underline">
            Create an account
          </Link>
        </p>
      }
    >
      <SignInForm next={next} />
    </AuthCard>
  );
}
