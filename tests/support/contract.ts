/**
 * The contract check: a response of the public API against the OpenAPI document the server
 * serves. `api()` runs it on every response the REST integration tests produce, so a status
 * the document doesn't list, a body outside its schema (an error `code` outside the
 * response's enum included), a documented required header that is missing, or a header the
 * API sends that the document doesn't mention fails the test that caused it.
 *
 * Bodies are checked with Ajv's JSON Schema 2020-12 validator (OpenAPI 3.1's dialect) and
 * ajv-formats, against the document itself, so `$ref`s resolve as any client's would.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Header = { required?: boolean; schema?: Record<string, unknown> };
type ResponseObject = { headers?: Record<string, Header>; content?: Record<string, { schema: unknown }> };
type Operation = { responses: Record<string, ResponseObject> };
export type OpenApiDocument = {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  "x-router-responses": Record<string, ResponseObject>;
};

export type ObservedResponse = { method: string; path: string; status: number; headers: Headers; body: unknown };

/**
 * Headers every HTTP response may carry that describe the transport or the browser's
 * security policy, not the API: a header outside this list must be in the document.
 */
const GENERIC_HEADERS = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "vary",
  "date",
  "connection",
  "keep-alive",
  "cache-control",
  "server-timing",
  "x-content-type-options",
  "x-frame-options",
  "content-security-policy",
  "strict-transport-security",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
]);

/** The document itself, served at this path, is checked by the lint test, not here. */
const DOCUMENT_PATH = "/v1/openapi.json";

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Array<{ template: string; pattern: RegExp }>;
  private readonly basePath: string;

  constructor(private readonly doc: OpenApiDocument) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(doc as object, "openapi.json");
    this.basePath = new URL(doc.servers[0]!.url).pathname.replace(/\/$/, "");
    this.routes = Object.keys(doc.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}$`),
    }));
  }

  /** Every way the response departs from the document (empty when it matches). */
  problems(res: ObservedResponse): string[] {
    const method = res.method.toUpperCase();
    const path = res.path.startsWith(this.basePath) ? res.path.slice(this.basePath.length) : res.path;
    if (path === DOCUMENT_PATH && (method === "GET" || method === "HEAD" || method === "OPTIONS") && res.status < 300) return [];
    const route = this.routes.find((r) => r.pattern.test(path));
    const operationMethod = method === "HEAD" ? "get" : method.toLowerCase();
    const operation = route ? this.doc.paths[route.template]![operationMethod] : undefined;

    let where: string[];
    let responses: Record<string, ResponseObject>;
    if (operation) {
      where = ["paths", route!.template, operationMethod, "responses"];
      responses = operation.responses;
    } else {
      // No operation answers this path and method: the router's documented 404 or 405.
      where = ["x-router-responses"];
      responses = this.doc["x-router-responses"];
    }
    const label = `${method} ${res.path} → ${res.status}`;
    const status = String(res.status);
    const documented = responses[status] ?? responses.default;
    if (!documented) return [`${label}: status ${status} is not documented (documented: ${Object.keys(responses).join(", ")})`];
    where = [...where, responses[status] ? status : "default"];

    const problems: string[] = [];
    const documentedHeaders = new Map(Object.entries(documented.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]));
    for (const [name, header] of documentedHeaders) {
      const value = res.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`${label}: documented required header ${name} is missing`);
        continue;
      }
      const valid = this.validator([...where, "headers", this.headerKey(documented, name), "schema"]);
      const parsed = header.schema?.type === "integer" ? Number(value) : value;
      if (!valid(parsed)) problems.push(`${label}: header ${name}: ${JSON.stringify(value)} ${this.ajv.errorsText(valid.errors)}`);
    }
    res.headers.forEach((_, name) => {
      if (!GENERIC_HEADERS.has(name) && !documentedHeaders.has(name)) problems.push(`${label}: header ${name} is sent but not documented`);
    });

    const content = documented.content?.["application/json"];
    if (method === "HEAD" || res.status === 204) return problems;
    if (!content) {
      if (res.body !== null && res.body !== undefined && res.body !== "") problems.push(`${label}: a body was sent where the document has none`);
      return problems;
    }
    const valid = this.validator([...where, "content", "application/json", "schema"]);
    if (!valid(res.body)) {
      problems.push(`${label}: body does not match the schema: ${this.ajv.errorsText(valid.errors, { separator: "; " })}\n  body: ${JSON.stringify(res.body).slice(0, 500)}`);
    }
    return problems;
  }

  /** Throws, listing every problem, when the response departs from the document. */
  check(res: ObservedResponse): void {
    const problems = this.problems(res);
    if (problems.length > 0) throw new Error(`The response departs from the OpenAPI document:\n${problems.join("\n")}`);
  }

  private headerKey(response: ResponseObject, lower: string): string {
    return Object.keys(response.headers ?? {}).find((name) => name.toLowerCase() === lower)!;
  }

  private validator(path: string[]): ValidateFunction {
    const ref = `openapi.json#/${pointer(...path)}`;
    let valid = this.validators.get(ref);
    if (!valid) {
      valid = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, valid);
    }
    return valid;
  }
}
