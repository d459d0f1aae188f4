/**
 * One request to the app's serve endpoint in the SDK's execution protocol, and its answer
 * classified (InngestCommHandler.js ~928–1008). `ctx.fn_id` is left out on purpose: with it the
 * SDK switches to checkpointing and calls back /v1/checkpoint, which this server does not offer.
 */
import type { SerializedError, StepOutcome } from "./runs";
import { parseRetryAfter } from "./time";
import type { InngestEvent, Op } from "./types";

export type CallInput = {
  url: string;
  fnId: string;
  stepId: string;
  event: InngestEvent;
  steps: Record<string, StepOutcome>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  parallel: boolean;
};

export type CallOutcome =
  | { kind: "complete"; output: unknown }
  | { kind: "ops"; ops: Op[]; retryAt: Date | null }
  | { kind: "error"; retriable: boolean; retryAt: Date | null; error: SerializedError };

export async function callApp(input: CallInput): Promise<CallOutcome> {
  const url = new URL(input.url);
  url.searchParams.set("fnId", input.fnId);
  url.searchParams.set("stepId", input.stepId);
  const body = {
    event: input.event,
    events: [input.event],
    steps: input.steps,
    ctx: {
      run_id: input.runId,
      attempt: input.attempt,
      max_attempts: input.maxAttempts,
      disable_immediate_execution: input.parallel,
      use_api: false,
      stack: { stack: input.stack, current: Math.max(0, input.stack.length - 1) },
    },
  };
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    text = await response.text();
  } catch (error) {
    return { kind: "error", retriable: true, retryAt: null, error: { name: "AppUnreachable", message: `POST ${url}: ${(error as Error).message}` } };
  }
  const parsed = parseJson(text);
  const retryAt = parseRetryAfter(response.headers.get("retry-after"));
  if (response.status === 200) return { kind: "complete", output: parsed ?? null };
  if (response.status === 206) {
    const ops = Array.isArray(parsed) ? parsed : parsed && typeof parsed === "object" ? [parsed] : null;
    if (!ops) return { kind: "error", retriable: false, retryAt: null, error: { name: "ProtocolError", message: `206 without ops from ${url}: ${text.slice(0, 300)}` } };
    return { kind: "ops", ops: ops as Op[], retryAt };
  }
  const noRetry = response.headers.get("x-inngest-no-retry") === "true";
  return { kind: "error", retriable: !noRetry && response.status !== 400 && response.status !== 401, retryAt, error: toError(parsed, response.status, text) };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toError(body: unknown, status: number, text: string): SerializedError {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const message = typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : text.slice(0, 500);
    return { ...b, name: typeof b.name === "string" ? b.name : "Error", message };
  }
  return { name: "Error", message: `HTTP ${status}: ${text.slice(0, 500)}` };
}
