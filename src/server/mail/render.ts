/** Escapes text for HTML bodies; every interpolated value in a template goes through this. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type EmailContent = { subject: string; text: string; html: string };

/**
 * One layout for every email: a heading, paragraphs, an optional button, a footer. Text and
 * HTML are rendered from the same parts so they never disagree.
 */
export function renderEmail(parts: {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
  /** Non-essential email only: the footer links to it (send the List-Unsubscribe headers too). */
  unsubscribeUrl?: string;
}): EmailContent {
  const footer = parts.footer ?? "You received this email because of activity on your Groundwork account.";
  const unsubscribe = parts.unsubscribeUrl;
  const text = [
    parts.heading,
    "",
    ...parts.paragraphs.flatMap((p) => [p, ""]),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`, ""] : []),
    "—",
    footer,
    ...(unsubscribe ? [`Unsubscribe: ${unsubscribe}`] : []),
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(parts.heading)}</h1>
${parts.paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join("\n")}
${parts.action ? `<p><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(parts.action.label)}</a></p><p style="font-size:12px;color:#475569">Or open: ${escapeHtml(parts.action.url)}</p>` : ""}
<hr style="border:none;border-top:1px solid #e2e8f0"><p style="font-size:12px;color:#475569">${escapeHtml(footer)}${unsubscribe ? ` <a href="${escapeHtml(unsubscribe)}" style="color:#475569">Unsubscribe</a>` : ""}</p>
</body></html>`;
  return { subject: parts.subject, text, html };
}
