import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { serverLogLines } from "./support/server-log";

test("the landing page renders with the version in the footer and meta tags, and is accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Groundwork");
  const version = page.getByTestId("app-version");
  await expect(version).toContainText(/v\d+\.\d+\.\d+/);
  const metaVersion = await page.locator('meta[name="groundwork-version"]').getAttribute("content");
  const metaCommit = await page.locator('meta[name="groundwork-commit"]').getAttribute("content");
  expect(metaVersion).toMatch(/^\d+\.\d+\.\d+/);
  expect(metaCommit).toMatch(/^[0-9a-f]{7,}|unknown$/);
  await expect(version).toContainText(metaVersion!);
  await expectAccessible(page);
});

test("the files the page head names are served: icons, web manifest and its icons, social image, robots.txt", async ({ page }) => {
  await page.goto("/");
  const served = async (href: string, type: RegExp) => {
    const response = await page.request.get(new URL(href, page.url()).pathname);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"], href).toMatch(type);
    return response;
  };
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = (await (await served(manifestHref!, /json/)).json()) as { name: string; icons: Array<{ src: string }> };
  expect(manifest.name).toBe("Groundwork");
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons) await served(icon.src, /^image\/png/);
  await served((await page.locator('meta[property="og:image"]').getAttribute("content"))!, /^image\/png/);
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")!));
  expect(icons.length).toBeGreaterThan(0);
  // Browsers ask for these two by their conventional paths, without a link.
  for (const href of [...icons, "/favicon.ico", "/apple-touch-icon.png"]) await served(href, /^image\//);
  const robots = await served("/robots.txt", /^text\/plain/);
  expect(await robots.text()).toMatch(/^Disallow: \/api\/$/m);
});

test("dark mode is applied, remembered across reloads, and still accessible", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /theme/i }).first();
  for (let i = 0; i < 3 && !(await html.getAttribute("class"))?.includes("dark"); i++) await toggle.click();
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expectAccessible(page);
});

test("GET /api/health is 200 with the version, a request id and Server-Timing", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", checks: { database: { ok: true }, migrations: { ok: true } } });
  expect(res.headers()["x-request-id"]).toBeTruthy();
  expect(res.headers()["server-timing"]).toMatch(/db;dur=/);
});

test("every path under /api/ answers in the API's envelope, with the security headers and without the page proxy's CSP", async ({ request }) => {
  for (const path of ["/api", "/api/v1", "/api/v2/posts", "/api/v1/not-a-route"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe("route_not_found");
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(res.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  }
  const wrongMethod = await request.post("/api/v1/openapi.json");
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  const head = await request.head("/api/v1/openapi.json");
  expect(head.status()).toBe(200);
  expect(await head.body()).toHaveLength(0);

  // A trailing slash is the envelope's 404 naming the path without it, not Next's 308.
  const slash = await request.get("/api/v1/me/", { maxRedirects: 0 });
  expect(slash.status()).toBe(404);
  expect(((await slash.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "route_not_found", message: expect.stringContaining("try /api/v1/me") });
  // A method no route handler can receive: 405 with Allow in the envelope, not Next's empty 400.
  const propfind = await request.fetch("/api/v1/openapi.json", { method: "PROPFIND" });
  expect(propfind.status()).toBe(405);
  expect(propfind.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  expect(((await propfind.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
});

test("a page asked with a trailing slash still redirects to the path without it", async ({ request }) => {
  const res = await request.get("/pricing/", { maxRedirects: 0 });
  expect(res.status()).toBe(308);
  expect(new URL(res.headers()["location"]!, "http://x").pathname).toBe("/pricing");
});

test("a tRPC query and a mutation round-trip through the browser, with skeleton-free hydration", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByTestId("overall-status")).toHaveText("All systems normal");
  const list = page.getByTestId("ping-list");
  await expect(list.getByRole("listitem").first()).toBeVisible();

  const label = `e2e ping ${Date.now()}`;
  await page.getByLabel("Label").fill(label);
  await page.getByRole("button", { name: "Send ping" }).click();
  await expect(list.getByRole("listitem").first()).toContainText(label);
  await expect(page.getByTestId("toast").filter({ hasText: "Ping recorded" })).toBeVisible();
  await expect(page.getByLabel("Label")).toHaveValue("");

  await page.reload();
  await expect(page.getByTestId("ping-list").getByRole("listitem").first()).toContainText(label);
  await expectAccessible(page);
});

test("a bad label is named next to the field and nothing is sent", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByTestId("ping-list")).toBeVisible();
  await page.getByRole("button", { name: "Send ping" }).click();
  await expect(page.locator("#ping-label-error")).toHaveText("Label can't be empty");
  await expect(page.getByLabel("Label")).toHaveAttribute("aria-invalid", "true");
});

test("a ping sent while the network is down rolls back, keeps the text and says so", async ({ page, context }) => {
  await page.goto("/status");
  const list = page.getByTestId("ping-list");
  await expect(list).toBeVisible();
  const firstBefore = await list.getByRole("listitem").first().textContent();

  await context.setOffline(true);
  await expect(page.getByTestId("connection-banner")).toBeVisible();
  const label = "sent while offline";
  await page.getByLabel("Label").fill(label);
  await page.getByRole("button", { name: "Send ping" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Ping not recorded" })).toBeVisible();
  await expect(page.getByLabel("Label")).toHaveValue(label);
  await expect(list.getByRole("listitem").first()).toHaveText(firstBefore!);

  await context.setOffline(false);
  await expect(page.getByTestId("connection-banner")).toBeHidden();
});

test("an unknown route shows the not-found page with a 404", async ({ page }) => {
  const res = await page.goto("/this/does/not/exist");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("a server error shows the error page with the same id as the server's log line", async ({ page }) => {
  await page.goto("/dev/boom");
  const errorId = await page.getByTestId("error-id").textContent();
  expect(errorId).toMatch(/^\S{6,}$/);
  await expect
    .poll(() => serverLogLines().find((l) => l.msg === "render failed" && l.errorId === errorId), { timeout: 20_000 })
    .toMatchObject({ level: "error", path: "/dev/boom", requestId: expect.any(String) });
  await expectAccessible(page);
});

test("pages carry a nonce-based CSP and security headers, and nothing on them violates it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy|Refused to (execute|load)/i.test(msg.text())) violations.push(msg.text());
  });
  const res = await page.goto("/status");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await expect(page.getByTestId("overall-status")).toHaveText("All systems normal");
  await page.goto("/");
  await expect(page.getByTestId("app-version")).toBeVisible();
  expect(violations).toEqual([]);
});

test("the landing page is keyboard reachable: skip link first, then the header controls", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    if (await page.getByRole("button", { name: /theme/i }).first().evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("the theme toggle was not reachable with Tab");
});
