import type { Metadata } from "next";
import { TextLink } from "@/components/ui/text-link";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/features/auth/schemas";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { SignInForm } from "@/features/auth/ui/sign-in-form";
import { getViewer } from "@/trpc/server";
import { currentPreview } from "@/features/previews/server/current-preview";
import { CharacterSignInLazy } from "@/features/previews/ui/character-sign-in-lazy";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { SEEDED_CHARACTERS } from "@/server/db/seed-characters";

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
          <TextLink href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}>
            Create an account
          </TextLink>
          {" · "}
          <TextLink href="/support">
            Contact support
          </TextLink>
        </p>
      }
    >
      <SignInForm next={next} />
      {/* Previews only (the driver sets PREVIEW_COMMIT): their accounts are the seeded characters. */}
      {currentPreview() ? <CharacterSignInLazy characters={SEEDED_CHARACTERS.map(({ key, email, displayName, description }) => ({ key, email, displayName, description }))} password={FACTORY_PASSWORD} next={next} /> : null}
    </AuthCard>
  );
}
