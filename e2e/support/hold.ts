import type { Page, Route } from "@playwright/test";

/**
 * Holds every request matching `pattern` until `release()`, so a test can look at the
 * optimistic state while the server has not answered — whatever the machine's speed.
 * `release("abort")` fails the held requests as a dropped connection would.
 */
export async function holdRequests(page: Page, pattern: string) {
  const held: Route[] = [];
  let onHeld = () => {};
  let released: "continue" | "abort" | null = null;
  await page.route(pattern, async (route) => {
    if (released === "abort") return route.abort("internetdisconnected");
    if (released === "continue") return route.continue();
    held.push(route);
    onHeld();
  });
  return {
    /** Resolves once at least `count` matching requests are waiting. */
    async waitForHeld(count = 1) {
      while (held.length < count) await new Promise<void>((resolve) => (onHeld = resolve));
    },
    async release(how: "continue" | "abort" = "continue") {
      released = how;
      for (const route of held.splice(0)) await (how === "abort" ? route.abort("internetdisconnected") : route.continue());
      await page.unroute(pattern);
    },
  };
}
