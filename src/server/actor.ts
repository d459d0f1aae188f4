/** Who an operation acts for. Operations take it explicitly, so jobs, seeders and tests can call them. */
export type Actor =
  | { kind: "anonymous"; requestId?: string }
  | { kind: "user"; userId: string; impersonatorId?: string; requestId?: string }
  | { kind: "system"; name: string };

export const systemActor = (name: string): Actor => ({ kind: "system", name });
