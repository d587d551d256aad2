// Test helper: one JSON request to a running fakecloud with a token, as a client sends it; the body parsed if any.

import { fetch } from "undici";
import type { Json } from "./json-reader.ts";

export async function callJson(
  url: string,
  token: string,
  method = "GET",
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json | undefined }> {
  const response = await fetch(url, {
    method,
    headers: { "x-auth-token": token, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as Json | undefined };
}
