import { notFound } from "next/navigation";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

/** Dev tool (DEV_TOOLS=1 only): a render that fails, to check the error page and its log line. */
export default function BoomPage() {
  if (!env.DEV_TOOLS) notFound();
  throw new Error("Deliberate failure from /dev/boom");
}
