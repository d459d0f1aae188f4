import { describe, expect, it } from "vitest";
import { evaluateFlag, explainEvaluation, type FlagContext } from "@/lib/flags/evaluate";
import { inRollout, murmur3, rolloutBucket } from "@/lib/flags/hash";
import { FLAGS, type FlagDefinition } from "@/lib/flags/registry";
import { targetingSchema, type Targeting } from "@/lib/flags/targeting";
import { uuidv7 } from "@/lib/ids";
import { createRandom } from "@/lib/random";

const bool = FLAGS["boards.trending-sort"] as FlagDefinition;
const variants = FLAGS["boards.default-sort"] as FlagDefinition;
const noCohorts = () => false;
const ids = (n: number, seed = 1) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, i) => uuidv7(1_700_000_000_000 + i * 1000, (b) => b.set(Array.from(b, () => Math.floor(random.next() * 256)))));
};
const base = (over: Partial<Targeting> = {}): Targeting => ({ enabled: true, killed: false, killReason: null, rules: [], rollout: null, fallthrough: false, ...over });

describe("percentage rollout", () => {
  it("matches MurmurHash3's published test vectors (the bucketing is the standard hash)", () => {
    expect(murmur3("")).toBe(0);
    expect(murmur3("", 1)).toBe(0x514e28b7);
    expect(murmur3("hello")).toBe(0x248bfa47);
    expect(murmur3("The quick brown fox jumps over the lazy dog")).toBe(0x2e4ff723);
  });

  it.each([1, 10, 20, 50, 90])("puts %i in a hundred of 10,000 ids in the rollout, within ±1 point", (percentage) => {
    const inside = ids(10_000).filter((id) => inRollout("boards.trending-sort", id, percentage)).length;
    expect(Math.abs(inside / 100 - percentage)).toBeLessThanOrEqual(1);
  });

  it("raising 10% → 20% only adds people; nobody already in drops out", () => {
    const all = ids(10_000, 7);
    const at10 = new Set(all.filter((id) => inRollout("feedback.similar-posts", id, 10)));
    const at20 = new Set(all.filter((id) => inRollout("feedback.similar-posts", id, 20)));
    for (const id of at10) expect(at20.has(id)).toBe(true);
    expect(at20.size).toBeGreaterThan(at10.size);
  });

  it("is stable (same flag and id, same bucket) and independent between flags", () => {
    const all = ids(2_000, 3);
    for (const id of all.slice(0, 50)) expect(rolloutBucket("boards.trending-sort", id)).toBe(rolloutBucket("boards.trending-sort", id));
    const a = all.filter((id) => inRollout("boards.trending-sort", id, 10));
    const both = a.filter((id) => inRollout("feedback.similar-posts", id, 10)).length;
    // Independent 10% rollouts overlap ~1% of people (20 of 2,000), not 10%.
    expect(both).toBeLessThan(60);
  });
});

describe("evaluation precedence: override → kill switch → off → rules in order → rollout → fallthrough", () => {
  const [user, other] = ids(2, 11) as [string, string];
  const workspace = ids(1, 12)[0]!;
  const ctx: FlagContext = { userId: user, email: "ada@example.com", staffRole: "support", workspaceId: workspace, plan: "pro" };
  const everyRule = base({
    rules: [
      { id: "by-user", attribute: "user", values: [user], serve: true },
      { id: "by-domain", attribute: "emailDomain", values: ["example.com"], serve: false },
    ],
    rollout: { percentage: 100, by: "user", serve: true },
    fallthrough: false,
  });

  it("no targeting saved: the code default", () => {
    expect(evaluateFlag("boards.trending-sort", bool, null, ctx, noCohorts)).toMatchObject({ value: true, reason: "DEFAULT" });
  });
  it("a staff override beats everything, the kill switch included", () => {
    expect(evaluateFlag("boards.trending-sort", bool, { ...everyRule, killed: true }, ctx, noCohorts, true)).toMatchObject({ value: true, reason: "OVERRIDE" });
  });
  it("the kill switch beats rules and rollout, and serves the flag's off value", () => {
    const killed = { ...everyRule, killed: true, killReason: "broke" };
    const evaluation = evaluateFlag("boards.trending-sort", bool, killed, ctx, noCohorts);
    expect(evaluation).toMatchObject({ value: false, reason: "KILLED" });
    expect(explainEvaluation(evaluation, killed, ctx)).toBe("Kill switch on: broke.");
    expect(evaluateFlag("boards.default-sort", variants, { ...base(), fallthrough: "new", killed: true }, ctx, noCohorts)).toMatchObject({ value: "top", variant: "top" });
  });
  it("off beats rules", () => {
    expect(evaluateFlag("boards.trending-sort", bool, { ...everyRule, enabled: false }, ctx, noCohorts)).toMatchObject({ value: false, reason: "DISABLED" });
  });
  it("the first matching rule wins, in order", () => {
    expect(evaluateFlag("boards.trending-sort", bool, everyRule, ctx, noCohorts)).toMatchObject({ value: true, ruleId: "by-user" });
    const swapped = { ...everyRule, rules: [everyRule.rules[1]!, everyRule.rules[0]!] };
    expect(evaluateFlag("boards.trending-sort", bool, swapped, ctx, noCohorts)).toMatchObject({ value: false, ruleId: "by-domain" });
  });
  it("rules beat the rollout; the rollout beats the fallthrough", () => {
    const otherCtx = { ...ctx, userId: other, email: "bo@elsewhere.org" };
    expect(evaluateFlag("boards.trending-sort", bool, everyRule, otherCtx, noCohorts)).toMatchObject({ value: true, reason: "SPLIT" });
    expect(evaluateFlag("boards.trending-sort", bool, { ...everyRule, rollout: null }, otherCtx, noCohorts)).toMatchObject({ value: false, reason: "STATIC" });
  });
  it.each([
    ["workspace", workspace],
    ["plan", "pro"],
    ["staffRole", "support"],
    ["emailDomain", "example.com"],
    ["cohort", "beta"],
  ] as const)("a %s rule matches the subject's value", (attribute, value) => {
    const t = base({ rules: [{ id: "r", attribute, values: [value], serve: true }] });
    const inBeta = (cohort: string, id: string) => cohort === "beta" && id === user;
    expect(evaluateFlag("boards.trending-sort", bool, t, ctx, inBeta)).toMatchObject({ value: true, ruleId: "r" });
    expect(evaluateFlag("boards.trending-sort", bool, t, { userId: other }, inBeta)).toMatchObject({ value: false, ruleId: null });
  });
  it("a rollout by workspace keeps a whole workspace together; without the id it serves the fallthrough", () => {
    const t = base({ rollout: { percentage: 50, by: "workspace", serve: true } });
    const members = ids(20, 13).map((u) => evaluateFlag("boards.trending-sort", bool, t, { userId: u, workspaceId: workspace }, noCohorts).value);
    expect(new Set(members).size).toBe(1);
    expect(evaluateFlag("boards.trending-sort", bool, t, { userId: user }, noCohorts)).toMatchObject({ value: false, reason: "DEFAULT" });
  });
});

describe("targeting input is checked against the flag's definition", () => {
  const errorsOf = (def: FlagDefinition, input: unknown) => {
    const result = targetingSchema(def).safeParse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
  };
  it("names the field of each mistake", () => {
    expect(
      errorsOf(bool, {
        enabled: true,
        rules: [
          { id: "a", attribute: "emailDomain", values: ["not a domain"], serve: "maybe" },
          { id: "a", attribute: "plan", values: ["gold"], serve: true },
        ],
        rollout: { percentage: 150, by: "user", serve: true },
        fallthrough: false,
      }),
    ).toEqual({
      "rules.0.values.0": "Must be a domain like example.com",
      "rules.0.serve": "Must be on or off",
      "rules.1.values.0": "Plan must be free or pro",
      "rules.1.id": 'Rule id "a" is used twice',
      "rollout.percentage": "Percentage must be at most 100",
    });
    expect(errorsOf(variants, { enabled: true, rules: [], rollout: null, fallthrough: "sideways" })).toEqual({ fallthrough: "Must be one of: top, trending, new" });
  });
});
