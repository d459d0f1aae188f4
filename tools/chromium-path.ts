import fs from "node:fs";
import { chromium } from "@playwright/test";

/** Playwright's own Chromium when installed, else Debian's; CHROMIUM_PATH overrides both. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const bundled = chromium.executablePath();
  if (bundled && fs.existsSync(bundled)) return bundled;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}
