import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The page's handlers are attached and its live channel is open (the header's live indicator).
 * A click before hydration lands on server HTML and does nothing, and text typed into a controlled
 * input stays on screen but not in state, so wait for this before either.
 */
export async function hydrated(page: Page) {
  await expect(page.getByTestId("live-indicator"), "the page hydrated and opened its live connection").toHaveAttribute("data-status", "live");
}

/** A signed-out form (no live indicator) is interactive once its submit button is enabled (`useForm`'s `ready`). */
export async function formHydrated(form: Locator) {
  await expect(form.locator('button[type="submit"]'), "the form hydrated").toBeEnabled();
}
