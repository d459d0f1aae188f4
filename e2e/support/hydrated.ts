import { expect, type Page } from "@playwright/test";

/**
 * The page's handlers are attached and its live channel is open (the header's live indicator).
 * A click before hydration lands on server HTML and does nothing, so wait for this before one.
 */
export async function hydrated(page: Page) {
  await expect(page.getByTestId("live-indicator"), "the page hydrated and opened its live connection").toHaveAttribute("data-status", "live");
}
