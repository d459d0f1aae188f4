import type { Metadata } from "next";
import { SiteHeader } from "@/components/ui/site-header";
import { API_ERROR_CODES, API_ERRORS } from "@/server/rest/errors";

export const metadata: Metadata = { title: "API errors" };

/** Public: what each `error.code` of the API means. Errors link here with `docUrl` (`/docs/api#<code>`). */
export default function ApiErrorsPage() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-10 sm:px-6">
        <h1 className="mb-2 text-3xl font-semibold tracking-tight">API errors</h1>
        <p className="mb-8 text-muted-foreground">
          Every error is <code>{"{ error: { type, code, message, details, requestId, docUrl } }"}</code>. Act on <code>code</code>; show <code>message</code> to people; quote{" "}
          <code>requestId</code> to support. The OpenAPI document is at <code>/api/v1/openapi.json</code>.
        </p>
        <dl className="divide-y">
          {API_ERROR_CODES.map((code) => (
            <div key={code} id={code} className="grid scroll-mt-20 gap-1 py-3 sm:grid-cols-[16rem_1fr]">
              <dt className="font-mono text-sm">
                {API_ERRORS[code].status} <a href={`#${code}`}>{code}</a>
              </dt>
              <dd className="text-sm">
                {API_ERRORS[code].title} <span className="text-muted-foreground">({API_ERRORS[code].type})</span>
              </dd>
            </div>
          ))}
        </dl>
      </main>
    </>
  );
}
