import "server-only";
import { runInBackground } from "@/server/logging/context";

/**
 * The timer and serialization of a batched writer (API usage, flag evaluation counts): the
 * first `schedule()` starts an unref'd interval; `flush()` waits for a flush already running,
 * then runs one more, so two flushes never write the same batch concurrently.
 */
export function periodicFlush(flushOnce: () => Promise<void>, intervalMs: number, task = "periodic-flush") {
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;

  async function flush(): Promise<void> {
    while (flushing) await flushing;
    flushing = flushOnce().finally(() => (flushing = null));
    await flushing;
  }

  return {
    flush,
    schedule() {
      if (timer) return;
      // Started by whichever request came first; its flushes are nobody's request.
      timer = runInBackground(task, () => setInterval(() => void flush(), intervalMs));
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
