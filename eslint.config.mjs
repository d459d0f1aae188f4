import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

/**
 * The dependency rule from DESIGN.md, enforced: imports point down
 * (app → features → server → lib); features reach each other only through
 * `schemas.ts` and operations; operations stay free of Next, tRPC and Inngest
 * so jobs, the seeder and tests can call them.
 */
const restrict = (patterns) => ["error", { patterns }];

const otherFeatureInternals = {
  group: ["@/features/*/server/queries", "@/features/*/server/queries/*", "@/features/*/server/router", "@/features/*/server/*-router", "@/features/*/server/jobs", "@/features/*/ui", "@/features/*/ui/*"],
  message: "Another feature may use a feature's schemas.ts and operations only (never its queries, router, jobs or ui). Inside a feature, import with a relative path.",
};
const climbOutOfFeature = {
  regex: "^(\\.\\./){3,}",
  message: "Relative imports may not leave the feature; use @/server, @/lib or another feature's schemas/operations.",
};
const upward = (layer, what) => ({ group: [`@/${layer}`, `@/${layer}/*`], message: `${what} may not import from ${layer}/ (imports point down: app → features → server → lib).` });
const runtimeCoupling = {
  // The packages only: `@/server/inngest/*` is app code, not the SDK.
  regex: "^(next|inngest)(/.*)?$|^@trpc/",
  message: "Operations take (input, actor, db) and must not depend on Next, tRPC or Inngest, so a job, the seeder or a test can call them.",
};

/** Browser code: zod's runtime (31.6 kB gzipped) would ship to every page that reaches it (decision 041). */
const zodOffThePage = {
  group: ["zod", "zod/*", "../schemas", "../*-schemas", "@/features/*/schemas", "@/features/*/*-schemas", "@/lib/text", "@/lib/ids", "@/lib/flags/targeting"],
  allowTypeImports: true,
  message: "A feature's ui/ imports values from its zod-free constants.ts (types from schemas.ts may stay `import type`), and validates with lengthError rules or on the server (decision 041).",
};

const config = [
  { ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...next,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Playwright fixtures receive a `use` callback that is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["src/features/**"],
    rules: { "no-restricted-imports": restrict([otherFeatureInternals, climbOutOfFeature, upward("app", "features/")]) },
  },
  {
    files: ["src/features/*/ui/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [zodOffThePage] }] },
  },
  {
    files: ["src/features/*/server/**"],
    ignores: ["src/features/*/server/router.ts", "src/features/*/server/*-router.ts", "src/features/*/server/jobs.ts"],
    rules: { "no-restricted-imports": restrict([otherFeatureInternals, climbOutOfFeature, upward("app", "features/"), runtimeCoupling]) },
  },
  {
    files: ["src/server/**"],
    ignores: ["src/server/trpc/root.ts", "src/server/inngest/functions.ts", "src/server/rest/**"],
    rules: { "no-restricted-imports": restrict([upward("app", "server/"), upward("features", "server/ (only trpc/root.ts, the Inngest function list and the public API in rest/ wire features)"), upward("components", "server/")]) },
  },
  {
    // The public API's framework verifies keys and meters through api-keys' operations, and
    // rest/api.ts joins the features' endpoints: like a feature, it reaches others' schemas and operations only.
    files: ["src/server/rest/**"],
    rules: { "no-restricted-imports": restrict([otherFeatureInternals, upward("app", "server/"), upward("components", "server/")]) },
  },
  {
    files: ["src/lib/**"],
    rules: { "no-restricted-imports": restrict([upward("app", "lib/"), upward("features", "lib/"), upward("server", "lib/"), upward("components", "lib/"), upward("trpc", "lib/")]) },
  },
  {
    files: ["src/components/ui/**"],
    rules: { "no-restricted-imports": restrict([upward("app", "components/ui/"), upward("features", "components/ui/"), upward("server", "components/ui/"), upward("trpc", "components/ui/")]) },
  },
];

export default config;
