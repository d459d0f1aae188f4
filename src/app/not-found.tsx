import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { FallbackMessage } from "@/components/ui/fallback-message";
import { SiteHeader } from "@/components/ui/site-header";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <FallbackMessage
        testId="not-found"
        eyebrow="404"
        title="Page not found"
        description="The page you asked for does not exist or has moved. Check the address, or start again from the home page."
        actions={
          <>
            <ButtonLink href="/">Go to the home page</ButtonLink>
            <ButtonLink href="/status" variant="outline">
              Check system status
            </ButtonLink>
          </>
        }
      />
    </>
  );
}
