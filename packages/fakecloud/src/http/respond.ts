// Answers every service route uses: an error in the service's own shape, and the caller from the token.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { errorBody, type ErrorDetails } from "./error-body.ts";
import type { AuthContext, FakeEnv } from "./fake-env.ts";
import { webobErrorResponse } from "./webob-error.ts";
import { jsonResponse } from "./json-response.ts";

export function errorResponse(
  c: Context<FakeEnv>,
  status: ContentfulStatusCode,
  message: string,
  details: ErrorDetails = {},
): Response {
  // Glance answers in the format the Accept header asks for (HTML to curl's `*/*`), not always JSON.
  if (c.var.service === "image") return webobErrorResponse(c, status, message);
  const body = errorBody(c.var.service, status, message, { requestId: c.var.requestId, ...details });
  return jsonResponse(c, body, status);
}

/**
 * The authenticated, project-scoped caller. The auth middleware guarantees one on every non-public route
 * of every service but Keystone (which also accepts unscoped tokens and reads `c.var.auth` itself).
 */
export function caller(c: Context<FakeEnv>): AuthContext & { projectId: string } {
  const auth = c.var.auth;
  if (auth?.projectId == null) throw new Error(`route ${c.req.path} has no project-scoped caller`);
  return { ...auth, projectId: auth.projectId };
}

/** The request's query parameters (all values of repeated keys kept). */
export function queryOf(c: Context<FakeEnv>): URLSearchParams {
  return new URL(c.req.url).searchParams;
}

/** A JSON request body, or undefined when it is absent or not JSON (the route answers 400 in its own words). */
export async function jsonBody(c: Context<FakeEnv>): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch {
    return undefined;
  }
}
