import "server-only";
import { runInBackground } from "@/server/logging/context";

/**
 * The timer and serialization of a batched writer (API usage, flag evaluation counts): the
 * first `schedule()` starts an unref'd interval; `flush()` waits for a flush already running,
 * then runs one more, so two flushes never write the same batch concurrently. A tick that finds
 * a flush still running lets it be (a writer slower than its interval would otherwise pile up
 * one waiting flush per tick); `kick()` starts a flush now unless one is running, for a writer
 * whose backlog is already a batch.
 */
export function periodicFlush(flushOnce: () => Promise<void>, intervalMs: number, task = "periodic-flush") {
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;

  async function flush(): Promise<void> {
    while (flushing) await flushing;
    flushing = flushOnce().finally(() => (flushing = null));
    await flushing;
  }

  function kick(): void {
    // Outside whichever request kicked it, as the timer's flushes are.
    if (!flushing) runInBackground(task, () => void flush());
  }

  return {
    flush,
    schedule() {
      if (timer) return;
      // Started by whichever request came first; its flushes are nobody's request.
      timer = runInBackground(task, () => setInterval(() => { if (!flushing) void flush(); }, intervalMs));
      timer.unref();
    },
    kick,
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
