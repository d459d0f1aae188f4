import "server-only";
import type { Tx } from "@/server/db/client";
import { publish } from "@/server/realtime/publish";
import { FLAGS_CHANNEL } from "@/server/realtime/channels";
import { FLAG_CHANGED_EVENT } from "../schemas";

/** Tells every open tab that `key` changed (on commit); each one asks for its own values again. */
export const publishFlagChange = (tx: Tx, key: string) => publish(FLAGS_CHANNEL, { type: FLAG_CHANGED_EVENT, data: { key } }, tx);
