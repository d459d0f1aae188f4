import { expect, type Page } from "@playwright/test";

/** Opens the dev mailbox and returns the first link in the newest mail to `to` whose text matches. */
export async function linkFromMailbox(page: Page, to: string, linkPattern: RegExp): Promise<string> {
  let href: string | null = null;
  await expect
    .poll(async () => {
      await page.goto("/dev/mailbox");
      const mail = page.getByTestId("mail").filter({ hasText: to }).first();
      const link = mail.locator("a", { hasText: linkPattern }).first();
      href = (await link.count()) ? await link.getAttribute("href") : null;
      return href;
    }, { timeout: 30_000 })
    .toBeTruthy();
  return new URL(href!).pathname + new URL(href!).search;
}
