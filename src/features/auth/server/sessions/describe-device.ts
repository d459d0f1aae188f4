import "server-only";
import UAParser from "ua-parser-js";

/** "Chrome 156 on Linux", from a User-Agent header; "Unknown device" when it says nothing useful. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os } = new UAParser(userAgent).getResult();
  const browserName = browser.name ? [browser.name, browser.major].filter(Boolean).join(" ") : null;
  if (browserName && os.name) return `${browserName} on ${os.name}`;
  if (browserName) return browserName;
  if (os.name) return `Unknown browser on ${os.name}`;
  return "Unknown device";
}
