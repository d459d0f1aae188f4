import { themeScript } from "./theme";

/**
 * Blocking <head> script that applies the stored theme before paint (the root layout's). Were
 * React to create it on the client it is marked inert, because React warns about and never runs
 * scripts it renders itself; global-error, which only renders in the browser, relies on
 * ThemeSync instead. `nonce` lets it pass the page's Content-Security-Policy.
 */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return (
    <script
      nonce={nonce}
      type={typeof window === "undefined" ? undefined : "text/plain"}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: themeScript }}
    />
  );
}
