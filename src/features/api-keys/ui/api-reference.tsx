"use client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReferenceEndpoint } from "../schemas";
import { CopyButton } from "./copy-button";

type Endpoint = ReferenceEndpoint;

function curl(serverUrl: string, e: Endpoint, keyPrefix: string): string {
  const path = e.path.replace(/\{(\w+)\}/g, (_, name: string) => `<${name}>`);
  const lines = [`curl ${e.method === "GET" ? "" : `-X ${e.method} `}${serverUrl}${path}`, `  -H "Authorization: Bearer ${keyPrefix}"`];
  if (e.body) {
    lines.push(`  -H "Content-Type: application/json"`, `  -H "Idempotency-Key: $(uuidgen)"`, `  -d '${e.example ?? "{}"}'`);
  }
  return lines.join(" \\\n");
}

/** Every endpoint from the OpenAPI document, with a curl example that uses the viewer's own key prefix. */
export function ApiReference({ serverUrl, endpoints, keyPrefix }: { serverUrl: string; endpoints: Endpoint[]; keyPrefix: string }) {
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Groundwork REST API v1</CardTitle>
          <CardDescription>
            Send a key as <code className="font-mono">Authorization: Bearer …</code>. The examples use the start of your newest key ({keyPrefix}); paste the whole key in its place. Errors are always{" "}
            <code className="font-mono">{'{ "error": { "type", "code", "message", "details", "requestId", "docUrl" } }'}</code>. POSTs accept <code className="font-mono">Idempotency-Key</code>. The machine-readable spec is at{" "}
            <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="flex flex-wrap gap-2 text-sm">
            {endpoints.map((e) => (
              <li key={`${e.method} ${e.path}`}>
                <a className="font-mono underline" href={`#${anchor(e)}`}>{e.method} {e.path}</a>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      {endpoints.map((e) => {
        const example = curl(serverUrl, e, keyPrefix);
        return (
          <Card key={`${e.method} ${e.path}`} id={anchor(e)} data-testid="api-reference-endpoint">
            <CardHeader>
              <CardTitle as="h2" className="font-mono">
                <span className="mr-2 rounded bg-muted px-1.5 py-0.5 text-xs">{e.method}</span>
                {e.path}
              </CardTitle>
              <CardDescription>
                {e.summary}. {e.scope ? <>Needs the <code className="font-mono">{e.scope}</code> scope.</> : "Any valid key."}
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {e.parameters.length > 0 ? (
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Parameters of {e.method} {e.path}</caption>
                  <thead className="text-xs text-muted-foreground">
                    <tr><th scope="col" className="py-1 pr-4 font-medium">Parameter</th><th scope="col" className="py-1 pr-4 font-medium">In</th><th scope="col" className="py-1 pr-4 font-medium">Type</th><th scope="col" className="py-1 font-medium">Notes</th></tr>
                  </thead>
                  <tbody className="divide-y divide-border">
                    {e.parameters.map((p) => (
                      <tr key={`${p.in}-${p.name}`}>
                        <td className="py-1 pr-4 font-mono">{p.name}{p.required ? "" : "?"}</td>
                        <td className="py-1 pr-4">{p.in}</td>
                        <td className="py-1 pr-4 font-mono">{p.type}</td>
                        <td className="py-1 text-muted-foreground">{p.description ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <div className="flex flex-col gap-2">
                <div className="flex items-center justify-between">
                  <h3 className="text-sm font-medium">Example</h3>
                  <CopyButton text={example} label="Copy curl" />
                </div>
                <pre className="overflow-x-auto rounded-md border border-border bg-muted p-3 font-mono text-xs" data-testid="curl-example">{example}</pre>
              </div>
              {e.body ? <Schema title="Request body" json={e.body} /> : null}
              <Schema title="Response" json={e.response} />
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}

function Schema({ title, json }: { title: string; json: string }) {
  return (
    <details className="rounded-md border border-border">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{title} schema</summary>
      <pre className="overflow-x-auto border-t border-border p-3 font-mono text-xs">{json}</pre>
    </details>
  );
}

const anchor = (e: { method: string; path: string }) => `${e.method}-${e.path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
