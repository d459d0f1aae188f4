import type { Ctx } from "../context";

export type PageResult = { status: number; html: string } | { redirect: string };

/** A hosted page (checkout, portal, invoice): GET renders, POST is a plain HTML form submit. */
export type PageRoute = {
  method: "GET" | "POST";
  path: RegExp;
  run(ctx: Ctx, form: Record<string, string>, query: URLSearchParams, match: string[]): Promise<PageResult>;
};

export const esc = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const html = (status: number, body: string): PageResult => ({ status, html: body });

export const date = (t: number) => new Date(t * 1000).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

/** The shell every hosted page shares: labelled, keyboard-usable, readable at 360 px. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Local Stripe test gateway</title>
<style>
  *{box-sizing:border-box} body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
  main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem} h1{font-size:1.4rem;margin:.5rem 0 1rem} h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
  .card{background:#fff;border:1px solid #e3e8ee;border-radius:8px;padding:1rem;margin:0 0 1rem}
  label{display:block;font-weight:600;margin:.75rem 0 .25rem} input,select{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #c1c9d2;border-radius:6px}
  button,.button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1rem;border-radius:6px;border:0;background:#635bff;color:#fff;cursor:pointer;text-decoration:none;margin-top:1rem}
  .secondary{background:#fff;color:#1a1f36;border:1px solid #c1c9d2} .danger{background:#df1b41}
  [role=alert]{background:#fde8ec;color:#a41c3a;border:1px solid #f5b6c4;padding:.6rem .8rem;border-radius:6px} [role=status]{background:#e6f6ee;color:#0d6b3a;padding:.6rem .8rem;border-radius:6px}
  table{width:100%;border-collapse:collapse} td,th{text-align:left;padding:.35rem .25rem;border-bottom:1px solid #e3e8ee;font-size:.95rem;overflow-wrap:anywhere} .num{text-align:right;white-space:nowrap}
  main{overflow-wrap:anywhere}
  .banner{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#a35a00;background:#fff4e5;padding:.3rem 1rem;text-align:center}
  .row{display:flex;gap:.75rem} .row>div{flex:1} small{color:#697386}
</style></head>
<body><div class="banner">Test mode — local Stripe gateway, no real money</div><main>${body}</main></body></html>`;
}

/** The card fields of Stripe's hosted pages; expiry and CVC come filled in for tests. */
export function cardFields(): string {
  return `<label for="card-number">Card number</label>
<input id="card-number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
<div class="row"><div><label for="card-expiry">Expiration date</label><input id="card-expiry" name="card_expiry" value="12 / 34" autocomplete="cc-exp" required></div>
<div><label for="card-cvc">CVC</label><input id="card-cvc" name="card_cvc" value="123" inputmode="numeric" autocomplete="cc-csc" required></div></div>
<label for="card-name">Name on card</label><input id="card-name" name="card_name" autocomplete="cc-name">
<p><small>Test cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined · 4000 0000 0000 0341 fails on renewal</small></p>`;
}

export function alert(message: string | null): string {
  return message ? `<div role="alert">${esc(message)}</div>` : "";
}
