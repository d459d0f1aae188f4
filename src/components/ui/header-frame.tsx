import type { ReactNode } from "react";

/** The sticky bar every header shares; its contents sit in one row at page width. */
export function HeaderFrame({ children }: { children: ReactNode }) {
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">{children}</div>
    </header>
  );
}
