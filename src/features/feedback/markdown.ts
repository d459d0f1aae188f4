import MarkdownIt from "markdown-it";

/**
 * Markdown for posts and comments written by anyone on the internet
 * (docs/decisions/012-markdown-sanitization.md). Safety comes from what the parser can emit,
 * not from scrubbing HTML afterwards: raw HTML is off (it is escaped as text), images are off
 * (no tracking pixels, no `data:`/SVG payloads), and a link survives only with an http(s) or
 * mailto URL, and always carries rel="nofollow ugc noopener".
 */
const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false, breaks: true });
md.disable(["image"]);

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;
md.validateLink = (url) => SAFE_URL.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet("rel", "nofollow ugc noopener");
  token.attrSet("target", "_blank");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Plain text for list excerpts and notifications: Markdown syntax stripped, whitespace folded. */
export function markdownExcerpt(source: string, max = 180): string {
  const plain = source
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`>#~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

/** Links in a post (Markdown links and bare URLs): many of them is how spam looks. */
export function countLinks(source: string): number {
  return md.linkify.match(source)?.length ?? 0;
}

/** The host of every link in a post, for the link-domain security rules. */
export function linkHosts(source: string): string[] {
  const hosts: string[] = [];
  for (const match of md.linkify.match(source) ?? []) {
    try {
      hosts.push(new URL(match.url).hostname);
    } catch {
      // mailto: and the like have no host a rule could name.
    }
  }
  return hosts;
}
