"use client";
import { useBoardEvents } from "@/features/feedback/ui/use-board-events";
import { useRealtime } from "@/features/realtime/ui/use-realtime";
import { boardChannel } from "@/server/realtime/channels";

/** The board's live channel for every page under it (public boards: signed-out visitors too). */
export function BoardLive({ boardId }: { boardId: string }) {
  useRealtime([boardChannel(boardId)], useBoardEvents());
  return null;
}
