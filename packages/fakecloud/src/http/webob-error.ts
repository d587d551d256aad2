// Glance's errors as webob's HTTPException renders them: the body's format follows the request's Accept header
// (HTML for a browser or `*/*`, JSON when JSON is asked for, plain text otherwise), not a fixed JSON shape.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { reasonPhrase } from "./error-body.ts";
import type { FakeEnv } from "./fake-env.ts";

export type WebobFormat = "html" | "json" | "plain";

/** webob/exc.py WSGIHTTPException.generate_response (webob 1.8): substring tests on the raw Accept value. */
export function webobFormat(accept: string | undefined): WebobFormat {
  const value = accept ?? "";
  if (value.includes("html") || value.includes("*/*")) return "html";
  if (value.includes("application/json")) return "json";
  return "plain";
}

const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** The body and content type glance answers `status` with, `detail` being the exception's message. */
export function webobError(
  status: number,
  detail: string,
  accept: string | undefined,
): { body: string; contentType: string } {
  const head = `${status} ${reasonPhrase(status)}`;
  switch (webobFormat(accept)) {
    case "html":
      return {
        contentType: "text/html; charset=UTF-8",
        body:
          `<html>\n <head>\n  <title>${head}</title>\n </head>\n <body>\n  <h1>${head}</h1>\n` +
          `  ${escapeHtml(detail)}<br /><br />\n\n\n\n </body>\n</html>`,
      };
    case "json":
      // The JSON formatter wraps the HTML template's body, line breaks and all.
      return {
        contentType: "application/json",
        body: JSON.stringify({ message: `${detail}<br /><br />\n\n\n`, code: head, title: reasonPhrase(status) }),
      };
    case "plain":
      return { contentType: "text/plain; charset=UTF-8", body: `${head}\n\n${detail}\n\n   ` };
  }
}

export function webobErrorResponse(c: Context<FakeEnv>, status: ContentfulStatusCode, detail: string): Response {
  const { body, contentType } = webobError(status, detail, c.req.header("accept"));
  return c.body(body, status, { "content-type": contentType });
}
