"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { trpcClient } from "@/trpc/vanilla";

type Character = { key: string; email: string; displayName: string; description: string };

/**
 * A preview's sign-in page: one click signs in as a seeded character, through the ordinary
 * sign-in with the seeded password. Rendered only when the preview env is set. The buttons are
 * disabled until React has hydrated them: a click before that would do nothing.
 */
export function CharacterSignIn({ characters, password, next }: { characters: Character[]; password: string; next: string | null }) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  async function signInAs(character: Character) {
    setPending(character.key);
    setError(null);
    try {
      const result = await trpcClient.auth.signIn.mutate({ email: character.email, password, next });
      window.location.assign(result.kind === "signed_in" ? result.redirectTo : "/sign-in/two-factor");
    } catch (e) {
      setError(`Couldn't sign in as ${character.displayName}: ${(e as Error).message}`);
      setPending(null);
    }
  }
  return (
    <section aria-labelledby="characters-heading" className="mt-6 flex flex-col gap-2 border-t border-border pt-4">
      <h2 id="characters-heading" className="text-sm font-medium">
        Preview: sign in as a seeded character
      </h2>
      {error ? <p role="alert" className="text-sm text-destructive">{error}</p> : null}
      <ul className="flex flex-col gap-2">
        {characters.map((c) => (
          <li key={c.key}>
            <Button type="button" variant="outline" className="h-auto w-full flex-col items-start py-2 text-left" disabled={!hydrated || pending !== null} onClick={() => signInAs(c)}>
              <span className="font-medium">{pending === c.key ? `Signing in as ${c.displayName}…` : `Sign in as ${c.displayName}`}</span>
              <span className="text-xs font-normal text-muted-foreground">{c.description}</span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
