import type { Page } from "@playwright/test";

/** The narrowest phone the app supports (e2e/mobile.spec.ts walks every page at it). */
export const PHONE = { width: 360, height: 740 };

/** How far the page runs past the right edge, and the outermost elements that do. */
export async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    if (over <= 0) return { over: 0, culprits: [] as string[] };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 0.5;
    // Fixed layers (toasts, banners) span the widened viewport: a symptom, not a cause.
    const fixed = (el: Element) => getComputedStyle(el).position === "fixed";
    const scrolls = (el: Element | null): boolean => {
      for (let a = el?.parentElement; a && a !== document.body; a = a.parentElement) if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((el) => sticksOut(el) && !fixed(el) && !el.closest("[data-radix-popper-content-wrapper]") && !scrolls(el) && !(el.parentElement && sticksOut(el.parentElement) && el.parentElement !== document.body))
      .slice(0, 6)
      .map((el) => `<${el.tagName.toLowerCase()} class="${(el.getAttribute("class") ?? "").slice(0, 80)}"> right=${Math.round(el.getBoundingClientRect().right)}px text="${(el.textContent ?? "").trim().slice(0, 40)}"`);
    return { over, culprits };
  });
}
