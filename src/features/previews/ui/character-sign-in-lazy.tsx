"use client";
import { lazy, Suspense, type ComponentProps } from "react";

const CharacterSignIn = lazy(() => import("./character-sign-in").then((m) => ({ default: m.CharacterSignIn })));

/**
 * The preview-only character buttons as their own chunk: the sign-in page imports this, so
 * sign-in outside previews doesn't load them (decision 041).
 */
export function CharacterSignInLazy(props: ComponentProps<typeof CharacterSignIn>) {
  return (
    <Suspense fallback={null}>
      <CharacterSignIn {...props} />
    </Suspense>
  );
}
