export * from "./diagnostics";
