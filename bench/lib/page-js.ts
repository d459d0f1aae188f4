/** Same-origin JS a page's HTML makes the browser fetch, as paths under /_next/ (e.g. "static/chunks/x.js"). */
export function scriptsInHtml(html: string): string[] {
  const files = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1];
    const isScript = /^<script/i.test(tag);
    // nomodule scripts (the legacy polyfills) are skipped by every browser that runs modules.
    if (isScript && /\snomodule\b/i.test(tag)) continue;
    const rel = attr("rel")?.toLowerCase();
    const isScriptPreload = !isScript && (rel === "modulepreload" || (rel === "preload" && attr("as") === "script"));
    const url = isScript ? attr("src") : isScriptPreload ? attr("href") : undefined;
    if (!url) continue;
    const pathname = new URL(url.replaceAll("&amp;", "&"), "http://x").pathname;
    if (!pathname.startsWith("/_next/static/")) {
      console.warn(`  ! ${url} is not a build file; not counted`);
      continue;
    }
    files.add(decodeURIComponent(pathname.slice("/_next/".length)));
  }
  return [...files];
}
