import "server-only";
import type { ReferenceEndpoint } from "@/features/api-keys/schemas";
import { API_ENDPOINTS, API_SERVER_URL, openApiDocument } from "./api";

type Operation = {
  parameters: Array<{ name: string; in: string; required: boolean; description?: string; schema: { type?: string | string[] } }>;
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { content?: { "application/json": { schema: unknown } } }>;
};

/** The reference page's view of the OpenAPI document (plain data a client component can render). */
export function apiReference(): { serverUrl: string; endpoints: ReferenceEndpoint[] } {
  const doc = openApiDocument();
  return {
    serverUrl: API_SERVER_URL,
    endpoints: API_ENDPOINTS.map((e) => {
      const op = (doc.paths[e.path] as Record<string, Operation>)[e.method.toLowerCase()]!;
      return {
        method: e.method,
        path: e.path,
        summary: e.summary,
        scope: e.scope,
        parameters: op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, type: [p.schema.type ?? "string"].flat().join(" | "), description: p.description ?? null })),
        body: op.requestBody ? JSON.stringify(op.requestBody.content["application/json"].schema, null, 2) : null,
        example: e.example === undefined ? null : JSON.stringify(e.example),
        response: JSON.stringify(op.responses[String(e.successStatus)]?.content?.["application/json"].schema ?? {}, null, 2),
      };
    }),
  };
}
