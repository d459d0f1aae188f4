import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { publish } from "@/server/realtime/publish";
import { STAFF_CHANNEL } from "@/server/realtime/channels";

/** Live console updates: facts to patch or refetch by, and log text. */
export type PreviewEvent =
  | { type: "preview.changed"; data: { previewId: string; state: string; step?: string; stepStatus?: string } }
  | { type: "preview.log"; data: { previewId: string; step: string; text: string } };

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const LOG_CHUNK_CHARS = 3_000;

export async function publishPreviewEvent(db: DbOrTx, event: PreviewEvent): Promise<void> {
  if (event.type === "preview.log") {
    const text = event.data.text.replace(ANSI, "");
    for (let i = 0; i < text.length; i += LOG_CHUNK_CHARS) {
      await publish(STAFF_CHANNEL, { type: event.type, data: { ...event.data, text: text.slice(i, i + LOG_CHUNK_CHARS) } }, db);
    }
    return;
  }
  await publish(STAFF_CHANNEL, event, db);
}

export const stripAnsi = (text: string) => text.replace(ANSI, "");
