import "server-only";
import { apiKeysEndpoints } from "@/features/api-keys/server/endpoints";
import { feedbackEndpoints } from "@/features/feedback/server/endpoints";
import { env } from "@/server/env";
import type { Endpoint } from "./endpoint";
import { buildOpenApiDocument } from "./openapi";
import { createApiRouter } from "./router";

/**
 * The public API, joined from the features: each declares its endpoints in
 * `features/<feature>/server/endpoints.ts`, beside its operations. The OpenAPI document, the
 * reference page, both servers and the fuzz test read this list.
 */
export const API_ENDPOINTS = [...apiKeysEndpoints, ...feedbackEndpoints] as unknown as readonly Endpoint[];

export const API_SERVER_URL = `${new URL(env.APP_URL).origin}/api`;

let document: ReturnType<typeof buildOpenApiDocument> | null = null;

/** Built once per process. */
export function openApiDocument() {
  return (document ??= buildOpenApiDocument(API_ENDPOINTS, API_SERVER_URL));
}

/** The router on a plain request (`start:api`)… */
export const apiRouter = createApiRouter(API_ENDPOINTS, openApiDocument);
/** …and on a route handler's `Request` (the Next catch-all, in-process tests). */
export const handleApiRequest = apiRouter.web;
