import "server-only";
import { ErrorCode, type EvaluationContext, type JsonValue as OfJsonValue, type Provider, type ResolutionDetails } from "@openfeature/server-sdk";
import type { FlagContext } from "@/lib/flags/evaluate";
import { FLAGS, isFlagKey, type FlagDefinition, type FlagKey, type JsonValue } from "@/lib/flags/registry";
import type { EvaluationCounter } from "./evaluation-counter";
import type { FlagStore, FlagSubject } from "./store";

/** OpenFeature's evaluation context ↔ Groundwork's subject (targetingKey is the user id). */
export function toEvaluationContext(subject: FlagSubject): EvaluationContext {
  const ctx: EvaluationContext = {};
  if (subject.userId) ctx.targetingKey = subject.userId;
  if (subject.email) ctx.email = subject.email;
  if (subject.staffRole) ctx.staffRole = subject.staffRole;
  if (subject.workspaceId) ctx.workspaceId = subject.workspaceId;
  if (subject.plan) ctx.plan = subject.plan;
  if (subject.overrides) ctx.overrides = subject.overrides as EvaluationContext[string];
  return ctx;
}

function fromEvaluationContext(ctx: EvaluationContext): FlagSubject {
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    userId: ctx.targetingKey ?? null,
    email: str(ctx.email),
    staffRole: str(ctx.staffRole) as FlagContext["staffRole"],
    workspaceId: str(ctx.workspaceId),
    plan: str(ctx.plan),
    overrides: (ctx.overrides ?? null) as FlagSubject["overrides"],
  };
}

/**
 * Groundwork's OpenFeature provider: resolves from the in-process snapshot (FlagStore), so a
 * resolution is synchronous work behind the SDK's promise. Unknown keys and type mismatches
 * answer with OpenFeature's error codes, and the SDK serves the caller's default.
 */
export class GroundworkFlagProvider implements Provider {
  readonly metadata = { name: "groundwork-postgres" } as const;
  readonly runsOn = "server" as const;

  constructor(
    private readonly store: FlagStore,
    private readonly counter: EvaluationCounter | null,
  ) {}

  async initialize(): Promise<void> {
    await this.store.ready();
  }

  resolve<T>(flagKey: string, kind: FlagDefinition["kind"], defaultValue: T, ctx: EvaluationContext): ResolutionDetails<T> {
    if (!isFlagKey(flagKey)) return { value: defaultValue, reason: "ERROR", errorCode: ErrorCode.FLAG_NOT_FOUND, errorMessage: `No flag "${flagKey}" in the registry` };
    const def = FLAGS[flagKey as FlagKey] as FlagDefinition;
    if (def.kind !== kind) return { value: defaultValue, reason: "ERROR", errorCode: ErrorCode.TYPE_MISMATCH, errorMessage: `"${flagKey}" is a ${def.kind} flag` };
    const evaluation = this.store.evaluate(flagKey, fromEvaluationContext(ctx));
    this.counter?.record(flagKey, evaluation.variant);
    return {
      value: evaluation.value as T,
      variant: evaluation.variant,
      reason: evaluation.reason,
      flagMetadata: evaluation.ruleId ? { ruleId: evaluation.ruleId } : {},
    };
  }

  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, ctx: EvaluationContext) {
    return this.resolve(flagKey, "boolean", defaultValue, ctx);
  }
  async resolveStringEvaluation(flagKey: string, defaultValue: string, ctx: EvaluationContext) {
    return this.resolve(flagKey, "string", defaultValue, ctx);
  }
  async resolveNumberEvaluation(flagKey: string, defaultValue: number, ctx: EvaluationContext) {
    return this.resolve(flagKey, "number", defaultValue, ctx);
  }
  async resolveObjectEvaluation<T extends OfJsonValue>(flagKey: string, defaultValue: T, ctx: EvaluationContext) {
    return this.resolve(flagKey, "json", defaultValue, ctx);
  }
}

export type { JsonValue };
