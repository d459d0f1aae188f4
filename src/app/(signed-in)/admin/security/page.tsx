import type { Metadata } from "next";
import { SecurityRulesLive } from "./security-rules-live";

export const metadata: Metadata = { title: "Security rules" };

/** Staff only (the admin layout 404s everyone else). */
export default function SecurityRulesPage() {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Security rules</h1>
        <p className="text-sm text-muted-foreground">Reserved workspace names, blocked sign-ups and link domains. Changes apply everywhere within a second, no deploy; each is audited.</p>
      </div>
      <SecurityRulesLive />
    </div>
  );
}
