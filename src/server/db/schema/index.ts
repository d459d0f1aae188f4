export * from "./diagnostics";
export * from "./rate-limits";
