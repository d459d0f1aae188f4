import { describe, expect, it } from "vitest";
import { countLinks, markdownExcerpt, renderMarkdown } from "@/features/feedback/markdown";

/** Payloads from the OWASP XSS filter evasion cheat sheet and friends, in Markdown and HTML form. */
const CORPUS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//xss.example/xss.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  "<iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">click</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  '![x"onerror="alert(1)](https://example.com/a.png)',
  "[a](https://example.com \"title\" onmouseover=alert(1))",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<body onload=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  "<<script>script>alert(1)<</script>/script>",
  "javascript:alert(1)",
  "<a href=https://example.com onclick=alert(1)>x</a>",
];

const ALLOWED_TAGS = new Set(["p", "a", "code", "pre", "strong", "em", "ul", "ol", "li", "br", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "s"]);
const ALLOWED_ATTRS = new Set(["href", "rel", "target", "class", "style"]);

/** Every tag the renderer emitted (text is escaped, so any `<` in the output starts a real tag). */
function tags(html: string) {
  return [...html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)].map(([, name, attrs]) => ({
    name: name!.toLowerCase(),
    attrs: [...attrs!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, key, value]) => ({ key: key!.toLowerCase(), value: value ?? "" })),
  }));
}

describe("markdown renderer", () => {
  it.each(CORPUS)("neutralizes %s", (payload) => {
    const html = renderMarkdown(payload);
    for (const tag of tags(html)) {
      expect(ALLOWED_TAGS, `<${tag.name}> in ${html}`).toContain(tag.name);
      for (const attr of tag.attrs) {
        expect(ALLOWED_ATTRS, `${attr.key} in ${html}`).toContain(attr.key);
        if (attr.key === "href") expect(attr.value).toMatch(/^(https?:\/\/|mailto:)/);
        if (attr.key === "style") expect(attr.value).toMatch(/^text-align:(left|right|center)$/);
        if (attr.key === "class") expect(attr.value).toMatch(/^language-[a-z]+$/);
      }
    }
    expect(html).not.toMatch(/<[^>]*javascript:/i);
  });

  it("keeps ordinary Markdown, and marks links nofollow ugc", () => {
    const html = renderMarkdown("**Bold** _it_ `code`\n\n- one\n- two\n\n[docs](https://example.com/docs) and https://example.org");
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<a href="https://example.com/docs" rel="nofollow ugc noopener" target="_blank">docs</a>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener" target="_blank">');
    expect(renderMarkdown("<b>raw</b>")).toContain("&lt;b&gt;raw&lt;/b&gt;");
  });

  it("counts links and makes plain excerpts", () => {
    expect(countLinks("see https://a.example and [b](https://b.example) and http://c.example.com")).toBe(3);
    expect(markdownExcerpt("# Title\n\n**Bold** [link](https://x.example) text")).toBe("Title Bold link text");
  });
});
