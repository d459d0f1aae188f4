export * from "./diagnostics";
export * from "./rate-limits";
export * from "./users";
export * from "./workspaces";
export * from "./mail";
export * from "./realtime";
export * from "./jobs";
