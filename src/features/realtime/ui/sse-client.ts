import { SSE_CONTROL } from "../constants";
import type { RealtimeMessage } from "../schemas";
import type { ClientTransport, SubscribeOptions, TransportListener } from "./client-transport";
import { reportLastEventId, reportTransportStatus } from "./realtime-status";

const ENDPOINT = "/api/realtime";
/** Native EventSource retries (every `retry:` ms) this many times before we back off ourselves. */
const NATIVE_RETRIES = 2;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** Recent events kept per tab: dedupes replays, and catches up a late subscriber that names `since`. */
const RECENT_EVENTS = 500;

type Subscription = { channels: readonly string[]; listener: TransportListener };

const isId = (id: string) => /^\d{1,19}$/.test(id);
const lowest = (a: string | null, b: string) => (a !== null && BigInt(a) <= BigInt(b) ? a : b);

/**
 * One EventSource per tab, for the union of every mounted subscriber's channels. When that
 * set changes the stream is reopened with the last id seen, so nothing is missed in between.
 */
class SseConnection implements ClientTransport {
  private subscriptions = new Set<Subscription>();
  private source: EventSource | null = null;
  private key = "";
  private lastEventId: string | null = null;
  /** Id → event (null for control frames' ids), oldest first. */
  private recent = new Map<string, RealtimeMessage | null>();
  /** The position the open stream covers from (its `lastEventId`, or the server's "now" in `ready`). */
  private from: string | null = null;
  /** The lowest `since` of subscribers the open stream doesn't cover yet. */
  private rewindTo: string | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private syncScheduled = false;
  private listeningToBrowser = false;

  subscribe(channels: readonly string[], listener: TransportListener, options: SubscribeOptions = {}) {
    const subscription = { channels, listener };
    this.subscriptions.add(subscription);
    if (options.since !== undefined) this.catchUp(subscription, options.since);
    this.scheduleSync();
    return () => {
      this.subscriptions.delete(subscription);
      this.scheduleSync();
    };
  }

  /** Mounts and unmounts in one render settle before the stream is (re)opened once. */
  private scheduleSync() {
    if (this.syncScheduled) return;
    this.syncScheduled = true;
    queueMicrotask(() => {
      this.syncScheduled = false;
      const key = [...new Set([...this.subscriptions].flatMap((s) => s.channels))].sort().join(",");
      const rewind = this.rewindTo !== null && this.source !== null && (this.from === null || BigInt(this.rewindTo) < BigInt(this.from));
      if (key === this.key && (this.source || this.retryTimer) && !rewind) return;
      this.key = key;
      this.open();
    });
  }

  /**
   * A subscriber that read its data at `since`: events after it that this tab already received
   * are handed to it now; older gaps are replayed by reopening the stream from `since`.
   */
  private catchUp(subscription: Subscription, since: string) {
    if (!isId(since)) {
      queueMicrotask(() => this.subscriptions.has(subscription) && subscription.listener.onRefetch?.());
      return;
    }
    this.rewindTo = lowest(this.rewindTo, since);
    const missed = [...this.recent.entries()].filter(([id, m]) => m && BigInt(id) > BigInt(since) && subscription.channels.includes(m.channel)).map(([, m]) => m!);
    if (missed.length === 0) return;
    queueMicrotask(() => {
      for (const message of missed) if (this.subscriptions.has(subscription)) subscription.listener.onEvent(message);
    });
  }

  private open() {
    this.close();
    this.watchBrowser();
    if (!this.key) return;
    const params = new URLSearchParams({ channels: this.key });
    // Covered so far: the last event seen, or, when the stream being replaced never reported one
    // (reopened for another channel or after an error before its first frame), where it started —
    // else a page's `since` would be dropped by a reopen that comes before the first frame.
    const covered = this.lastEventId ?? this.from;
    const from = this.rewindTo !== null ? lowest(covered, this.rewindTo) : covered;
    this.rewindTo = null;
    this.from = from;
    // A new EventSource doesn't send Last-Event-ID; the query parameter carries it instead.
    if (from) params.set("lastEventId", from);
    const source = new EventSource(`${ENDPOINT}?${params}`);
    this.source = source;
    reportTransportStatus(this.failures > 0 ? "reconnecting" : "connecting", "sse");
    source.onopen = () => reportTransportStatus("live", "sse");
    source.onmessage = (e) => this.onMessage(e);
    source.addEventListener(SSE_CONTROL.ready, (e) => {
      this.failures = 0;
      this.from ??= (e as MessageEvent).lastEventId || null;
      this.remember((e as MessageEvent).lastEventId);
      reportTransportStatus("live", "sse");
    });
    source.addEventListener(SSE_CONTROL.refetch, (e) => {
      this.remember((e as MessageEvent).lastEventId);
      for (const s of this.subscriptions) s.listener.onRefetch?.();
    });
    // The server ends streams now and then to re-check access: reopen at once, quietly.
    source.addEventListener(SSE_CONTROL.rotate, () => this.open());
    source.onerror = () => this.onError(source);
  }

  private onMessage(e: MessageEvent<string>) {
    const id = e.lastEventId;
    if (id && this.recent.has(id)) return;
    let body: Omit<RealtimeMessage, "id">;
    try {
      body = JSON.parse(e.data) as Omit<RealtimeMessage, "id">;
    } catch {
      this.remember(id);
      return;
    }
    const message: RealtimeMessage = { id, ...body };
    this.remember(id, message);
    for (const s of this.subscriptions) {
      if (s.channels.includes(message.channel)) s.listener.onEvent(message);
    }
  }

  private remember(id: string, message: RealtimeMessage | null = null) {
    if (!id) return;
    this.lastEventId = id;
    reportLastEventId(id);
    if (!this.recent.has(id)) this.recent.set(id, message);
    if (this.recent.size > RECENT_EVENTS) this.recent.delete(this.recent.keys().next().value!);
  }

  private onError(source: EventSource) {
    if (source !== this.source) return;
    this.failures += 1;
    reportTransportStatus("reconnecting", "sse");
    // CONNECTING: the browser retries by itself after `retry:`. CLOSED (an HTTP error, or too
    // many failures in a row): back off exponentially so a down server isn't hammered.
    if (source.readyState === EventSource.CONNECTING && this.failures <= NATIVE_RETRIES) return;
    this.close();
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.failures - 1, 10));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay * (0.5 + Math.random() / 2));
  }

  private close() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
  }

  /** Offline: drop the stream at once (the banner says so); online again: reconnect now. */
  private watchBrowser() {
    if (this.listeningToBrowser || typeof window === "undefined") return;
    this.listeningToBrowser = true;
    window.addEventListener("offline", () => {
      if (!this.key) return;
      this.close();
      this.failures = Math.max(this.failures, 1);
      reportTransportStatus("reconnecting", "sse");
    });
    window.addEventListener("online", () => {
      if (this.key && !this.source) this.open();
    });
  }
}

let connection: SseConnection | null = null;
export function sseTransport(): ClientTransport {
  return (connection ??= new SseConnection());
}
