"use client";

import { ErrorScreen } from "@/components/ui/error-screen";

// No console logging here: server errors are already logged with this digest, and the id
// on screen is what support needs to find them.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorScreen error={error} retry={retry} />;
}
