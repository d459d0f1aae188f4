import type { ReactNode } from "react";

type FallbackMessageProps = {
  /** Short context above the heading, e.g. "404" or "Error". */
  eyebrow: string;
  title: string;
  description: ReactNode;
  /** Buttons or links that get the reader moving again. */
  actions: ReactNode;
  /** Extra detail between the description and the actions, e.g. an error id. */
  children?: ReactNode;
  testId?: string;
};

/** The shared body of not-found and error screens, so every dead end looks and reads the same. */
export function FallbackMessage({ eyebrow, title, description, actions, children, testId }: FallbackMessageProps) {
  return (
    <main id="main" data-testid={testId} className="mx-auto flex w-full max-w-xl flex-1 flex-col justify-center px-4 py-20 sm:px-6">
      <p className="font-mono text-sm font-medium text-primary">{eyebrow}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight sm:text-4xl">{title}</h1>
      <div className="mt-4 text-base text-muted-foreground">{description}</div>
      {children}
      <div className="mt-8 flex flex-wrap gap-3">{actions}</div>
    </main>
  );
}
