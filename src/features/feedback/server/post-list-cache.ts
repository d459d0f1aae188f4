import "server-only";
import type { z } from "zod";
import { createNotifyListener, type NotifyListener } from "@/server/db/notify-listener";
import { directDatabaseUrl } from "@/server/env";
import type { DbOrTx } from "@/server/db/client";
import type { FlagSubject } from "@/server/flags/flags";
import type { UserActor } from "@/features/workspaces/server/actor";
import type { listPostsInput, listPostsOutput } from "../schemas";
import { listPosts } from "./list-posts";

type Page = z.infer<typeof listPostsOutput>;
type Entry = { page: Page; boardId: string; storedAt: number };
/** When a read began: a page read before a change to its board is not stored after it. */
type ReadMark = { all: number; board: number };

const MAX_ENTRIES = 2_000;
// Safety net only, as for the key cache: NOTIFY is what keeps pages correct.
const MAX_AGE_MS = 5 * 60_000;
/** Boards with a change counter; past this the counters restart (and reads in flight are not stored). */
const MAX_TRACKED_BOARDS = 10_000;
export const POST_LISTS_CHANNEL = "post_lists";

/**
 * Pages of board post lists as the public API served them, per process (decision 040). Every
 * change to a post (votes and comments update its counts), a board or an author's name NOTIFYs
 * `post_lists` from triggers (migration 0025) and every process drops that board's pages, or all
 * pages for a rename; while LISTEN is down nothing is served from here. The writer's own process
 * also drops them as its write commits (`dropBoardPages`), so a client reads its own writes.
 */
export function createPostListCache(opts: { databaseUrl: string }) {
  const pages = new Map<string, Entry>();
  const boardChanges = new Map<string, number>();
  let allChanges = 0;

  const clear = () => {
    allChanges++;
    boardChanges.clear();
    pages.clear();
  };
  const dropBoard = (boardId: string) => {
    if (boardChanges.size >= MAX_TRACKED_BOARDS) return clear();
    boardChanges.set(boardId, (boardChanges.get(boardId) ?? 0) + 1);
    for (const [key, entry] of pages) if (entry.boardId === boardId) pages.delete(key);
  };

  function onNotify(payload: string) {
    const [kind, id] = payload.split(" ");
    if (kind === "board" && id) dropBoard(id);
    else clear();
  }

  const listener: NotifyListener = createNotifyListener({ databaseUrl: opts.databaseUrl, channel: POST_LISTS_CHANNEL, onNotify, onReset: clear, applicationName: "groundwork-post-lists" });

  function get(key: string, now = Date.now()): Page | null {
    if (!listener.live()) return null;
    const entry = pages.get(key);
    if (!entry) return null;
    pages.delete(key);
    if (now - entry.storedAt > MAX_AGE_MS) return null;
    pages.set(key, entry); // most recently used last: eviction takes the first
    return entry.page;
  }
  /** Taken before a page is read from the database; `set` stores the page only if it still holds. */
  const mark = (boardId: string): ReadMark => ({ all: allChanges, board: boardChanges.get(boardId) ?? 0 });
  function set(key: string, boardId: string, page: Page, readAt: ReadMark) {
    if (!listener.live() || readAt.all !== allChanges || readAt.board !== (boardChanges.get(boardId) ?? 0)) return;
    if (pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value!);
    pages.set(key, { page, boardId, storedAt: Date.now() });
  }

  /** Reads from the database under way, by page: requests for the same page share one. */
  const reading = new Map<string, { readAt: ReadMark; page: Promise<Page> }>();

  return {
    listener,
    /**
     * The page from memory, else from `load`. While a page is being read, requests for the same
     * page wait for that read instead of running their own (after a change dropped a busy
     * board's pages, every request for them used to query at once). Only a read that began
     * after the board's last change is shared, and only while LISTEN is up (as with the pages
     * themselves), so a request never gets a page read before a change it could know of.
     */
    async read(key: string, boardId: string, load: () => Promise<Page>): Promise<Page> {
      const hit = get(key);
      if (hit) return hit;
      const readAt = mark(boardId);
      const running = reading.get(key);
      if (running && listener.live() && running.readAt.all === readAt.all && running.readAt.board === readAt.board) return running.page;
      const entry = { readAt, page: load() };
      reading.set(key, entry);
      try {
        const page = await entry.page;
        set(key, boardId, page, readAt);
        return page;
      } finally {
        if (reading.get(key) === entry) reading.delete(key);
      }
    },
    dropBoard,
    size: () => pages.size,
    clear,
  };
}
export type PostListCache = ReturnType<typeof createPostListCache>;

const globalForCache = globalThis as unknown as { groundworkPostListCache?: PostListCache };

/** This process's cache; its LISTEN connection opens on first use. */
export function postListCache(): PostListCache {
  if (!globalForCache.groundworkPostListCache) {
    const cache = createPostListCache({ databaseUrl: directDatabaseUrl() });
    globalForCache.groundworkPostListCache = cache;
    cache.listener.ready().catch(() => {});
  }
  return globalForCache.groundworkPostListCache;
}

/** After a write to a board commits, in the writer's own process: its next read must not be a page from before (NOTIFY reaches the other processes). */
export function dropBoardPages(boardId: string): void {
  globalForCache.groundworkPostListCache?.dropBoard(boardId);
}

/**
 * `listPosts` for an API key's creator, from this process's cache when it can. Only for the
 * public API: its viewer is always a member of the workspace (a key whose creator left never
 * verifies), so a page can't outlive the viewer's right to read a private board. Not cached:
 * held posts (moderators), searches (endless variety, they would evict the hot pages) and the
 * Trending sort (its availability is a feature flag the cache doesn't hear).
 */
export async function listPostsCached(input: z.output<typeof listPostsInput>, viewer: UserActor, db: DbOrTx, flags: FlagSubject): Promise<Page> {
  if (input.held || input.q || input.sort === "trending") return listPosts(input, viewer, db, flags);
  const cache = postListCache();
  const key = JSON.stringify([input.workspaceId, input.boardId, viewer.userId, input.sort, input.status ?? null, input.tag ?? null, input.cursor ?? null, input.limit]);
  return cache.read(key, input.boardId, () => listPosts(input, viewer, db, flags));
}
