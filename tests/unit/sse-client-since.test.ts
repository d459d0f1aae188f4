/**
 * The browser's SSE transport keeps a live page's `since` (the stream position it read before its
 * data) across every reopen until the stream has reported a position of its own: a page whose
 * subscription arrives in an earlier task than the header's must still be replayed from `since`
 * (under load the billing page missed the webhook's billing.updated that way and stayed on Free).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, (e: MessageEvent) => void>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, fn);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, lastEventId: string, data = "") {
    const event = { lastEventId, data } as MessageEvent;
    if (type === "message") this.onmessage?.(event);
    else this.listeners.get(type)?.(event);
  }
  get from() {
    return new URL(this.url, "http://x").searchParams.get("lastEventId");
  }
}

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const listener = { onEvent: () => {} };

async function transport() {
  vi.resetModules();
  return (await import("@/features/realtime/ui/sse-client")).sseTransport();
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

describe("SSE transport: a subscriber's since", () => {
  it("is kept when the stream is reopened for another channel before it reported a position", async () => {
    const sse = await transport();
    sse.subscribe(["workspace:a"], listener, { since: "140" });
    await settle();
    expect(FakeEventSource.opened.at(-1)!.from).toBe("140");
    // The header subscribes a task later, before the first stream said anything.
    sse.subscribe(["user:u"], listener);
    await settle();
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(FakeEventSource.opened.at(-1)!.from).toBe("140");
  });

  it("reopens from the last event seen once the stream reported one", async () => {
    const sse = await transport();
    sse.subscribe(["workspace:a"], listener, { since: "140" });
    await settle();
    FakeEventSource.opened.at(-1)!.emit("message", "150", JSON.stringify({ channel: "workspace:a", type: "x", data: {} }));
    sse.subscribe(["user:u"], listener);
    await settle();
    expect(FakeEventSource.opened.at(-1)!.from).toBe("150");
  });

  it("a stream with no since starts at the server's now, and a later since rewinds it", async () => {
    const sse = await transport();
    sse.subscribe(["user:u"], listener);
    await settle();
    expect(FakeEventSource.opened.at(-1)!.from).toBeNull();
    sse.subscribe(["workspace:a"], listener, { since: "90" });
    await settle();
    expect(FakeEventSource.opened.at(-1)!.from).toBe("90");
  });
});
