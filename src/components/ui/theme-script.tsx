import { themeScript } from "./theme";

/**
 * Blocking <head> script that applies the stored theme before paint. When React creates it on
 * the client (global-error after a client crash) it is marked inert, because React warns about
 * and never runs scripts it renders itself; ThemeSync covers that case. `nonce` lets it pass
 * the page's Content-Security-Policy.
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
