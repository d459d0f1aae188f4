import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { UnsubscribeButton } from "@/features/notifications/ui/unsubscribe-button";

/**
 * Asks before it acts: link scanners and previews open GET links, so only the button (or a
 * mail client's one-click POST to /api/unsubscribe) turns the emails off.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  return (
    <Card data-testid="unsubscribe">
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Unsubscribe</h1>
        <CardDescription>Stop the emails this link came in. Sign-in, security and billing emails still arrive: they are about your account.</CardDescription>
      </CardHeader>
      <CardContent>
        <UnsubscribeButton token={token} />
      </CardContent>
    </Card>
  );
}
