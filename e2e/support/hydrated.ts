import { expect, type Locator, type Page } from "@playwright/test";

/**
 * A signed-in page is interactive: the header's live indicator turns "live" only after React has
 * hydrated it and its stream opened. Typing or clicking before that is lost (controlled inputs
 * keep the typed text on screen but not in state; a click has no handler yet).
 */
export async function hydrated(page: Page) {
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
}

/** A signed-out form (no live indicator) is interactive once its submit button is enabled (`useForm`'s `ready`). */
export async function formHydrated(form: Locator) {
  await expect(form.locator('button[type="submit"]')).toBeEnabled();
}
