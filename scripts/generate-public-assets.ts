/**
 * Draws the files in public/ that are images — favicon.ico, the PWA and Apple icons, the
 * social card — from the logo in src/app/icon.svg, in Chromium (the browser the e2e tests
 * use), and writes robots.txt and the web manifest beside them. Run it after changing the
 * logo or the tagline, and commit what it writes:
 *
 *   npx tsx scripts/generate-public-assets.ts
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumPath } from "../tools/chromium-path";

const root = process.cwd();
const out = path.join(root, "public");
const logo = fs.readFileSync(path.join(root, "src/app/icon.svg"), "utf8");
const PRIMARY = "#4f46e5"; // --primary in src/app/globals.css (light theme)
const DARK = "#0b1020"; // --background of the dark theme
const NAME = "Groundwork";
const TAGLINE = "The SaaS foundation that already works";
const FONT = "system-ui, 'DejaVu Sans', 'Liberation Sans', sans-serif";

const page = (body: string, width: number, height: number) =>
  `<!doctype html><html><head><style>*{margin:0;box-sizing:border-box}html,body{width:${width}px;height:${height}px;overflow:hidden;background:transparent;font-family:${FONT}}</style></head><body>${body}</body></html>`;

/** The logo at `size` px; `inset` leaves a margin (maskable icons keep the mark in the middle 80 %). */
function iconHtml(size: number, { inset = 0, background = "transparent" } = {}) {
  const inner = size - inset * 2;
  return page(`<div style="width:${size}px;height:${size}px;display:grid;place-items:center;background:${background}"><div style="width:${inner}px;height:${inner}px">${logo.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div></div>`, size, size);
}

function socialCardHtml() {
  const mark = logo.replace("<svg ", '<svg width="96" height="96" ');
  const features = ["Accounts & 2FA", "Billing", "API keys", "Feedback boards", "Realtime", "Background jobs"];
  return page(
    `<div style="width:1200px;height:630px;padding:72px 80px;display:flex;flex-direction:column;justify-content:space-between;color:#e5e9f0;background:radial-gradient(circle at 85% 10%, ${PRIMARY}66, transparent 55%), ${DARK}">
      <div style="display:flex;align-items:center;gap:24px">${mark}<span style="font-size:56px;font-weight:700;letter-spacing:-1px">${NAME}</span></div>
      <div style="font-size:64px;font-weight:700;line-height:1.1;letter-spacing:-1.5px;max-width:980px">${TAGLINE}.</div>
      <div style="display:flex;flex-wrap:wrap;gap:14px">${features.map((f) => `<span style="font-size:26px;padding:10px 20px;border:2px solid #ffffff33;border-radius:999px;color:#c7d2fe">${f}</span>`).join("")}</div>
    </div>`,
    1200,
    630,
  );
}

/** An .ico holding PNG images (supported by every browser since Windows Vista-era ICO readers). */
function ico(pngs: Array<{ size: number; data: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
try {
  const render = async (html: string, width: number, height: number, transparent = true) => {
    const tab = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await tab.setContent(html);
    const png = await tab.screenshot({ type: "png", omitBackground: transparent });
    await tab.close();
    return png;
  };
  fs.mkdirSync(out, { recursive: true });
  const write = (name: string, data: Buffer | string) => {
    fs.writeFileSync(path.join(out, name), data);
    console.log(`public/${name}  ${typeof data === "string" ? data.length : data.length} B`);
  };

  write("favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await render(iconHtml(size), size, size) })))));
  write("icon-192.png", await render(iconHtml(192), 192, 192));
  write("icon-512.png", await render(iconHtml(512), 512, 512));
  // Launchers crop maskable icons to a circle or squircle: the mark stays in the middle, on brand colour.
  write("icon-maskable-512.png", await render(iconHtml(512, { inset: 96, background: PRIMARY }), 512, 512, false));
  // iOS fills transparency with black and rounds the corners itself.
  write("apple-touch-icon.png", await render(iconHtml(180, { inset: 0, background: PRIMARY }), 180, 180, false));
  write("og.png", await render(socialCardHtml(), 1200, 630, false));
} finally {
  await browser.close();
}

const manifest = {
  name: NAME,
  short_name: NAME,
  description: `${TAGLINE}: accounts, billing, API keys, feedback, realtime and jobs.`,
  start_url: "/app",
  scope: "/",
  display: "standalone",
  background_color: "#ffffff",
  theme_color: PRIMARY,
  icons: [
    { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
    { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
};
fs.writeFileSync(path.join(out, "site.webmanifest"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log("public/site.webmanifest");

// Signed-in and secret-bearing addresses stay out of search results; the public pages and boards don't.
fs.writeFileSync(
  path.join(out, "robots.txt"),
  ["User-agent: *", "Allow: /", "Disallow: /api/", "Disallow: /app", "Disallow: /w/", "Disallow: /account", "Disallow: /admin", "Disallow: /staff", "Disallow: /invite/", "Disallow: /dev/", "Disallow: /reset-password", "Disallow: /verify-email", "Disallow: /confirm-email", ""].join("\n"),
);
console.log("public/robots.txt");
