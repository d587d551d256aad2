// A small OpenID Connect provider on loopback for the federation tests, shaped like Keycloak's realm endpoints:
// discovery, the token endpoint (password and client_credentials grants, confidential clients with HTTP Basic),
// and RFC 7662 introspection, which Keystone's web server (mod_auth_openidc) calls to check a Bearer token.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface OidcProviderOptions {
  clients: { id: string; secret: string }[];
  users: { username: string; password: string }[];
}

export interface OidcProvider {
  issuer: string;
  discoveryEndpoint: string;
  tokenEndpoint: string;
  introspectionEndpoint: string;
  /** Every form the token endpoint received (to check what a client sent). */
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  const tokens = new Map<string, Record<string, unknown>>();
  const tokenRequests: URLSearchParams[] = [];
  let issuer = "";
  const client = (request: IncomingMessage, form: URLSearchParams): { id: string; secret: string | null } => {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (basic !== undefined) {
      const [id = "", secret = ""] = Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent);
      return { id, secret };
    }
    return { id: form.get("client_id") ?? "", secret: null };
  };
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    };
    let text = "";
    for await (const chunk of request) text += String(chunk);
    const form = new URLSearchParams(text);
    const path = new URL(request.url ?? "/", issuer).pathname;
    if (request.method === "GET" && path === "/realms/ops/.well-known/openid-configuration") {
      send(200, {
        issuer,
        token_endpoint: `${issuer}/protocol/openid-connect/token`,
        introspection_endpoint: `${issuer}/protocol/openid-connect/token/introspect`,
        grant_types_supported: ["password", "client_credentials"],
      });
      return;
    }
    if (request.method === "POST" && path === "/realms/ops/protocol/openid-connect/token") {
      tokenRequests.push(form);
      const who = client(request, form);
      const known = options.clients.find((c) => c.id === who.id);
      if (known === undefined || (who.secret !== null && who.secret !== known.secret)) {
        send(401, { error: "unauthorized_client", error_description: "Invalid client or Invalid client credentials" });
        return;
      }
      let username: string;
      if (form.get("grant_type") === "password") {
        const user = options.users.find((u) => u.username === form.get("username"));
        if (user === undefined || user.password !== form.get("password")) {
          send(401, { error: "invalid_grant", error_description: "Invalid user credentials" });
          return;
        }
        username = user.username;
      } else if (form.get("grant_type") === "client_credentials" && who.secret !== null) {
        username = `service-account-${known.id}`;
      } else {
        send(400, { error: "unsupported_grant_type" });
        return;
      }
      const accessToken = randomBytes(24).toString("base64url");
      const idToken = randomBytes(24).toString("base64url");
      const claims = { sub: randomBytes(8).toString("hex"), preferred_username: username, scope: form.get("scope") };
      tokens.set(accessToken, claims);
      tokens.set(idToken, claims);
      send(200, { access_token: accessToken, id_token: idToken, token_type: "Bearer", expires_in: 300 });
      return;
    }
    if (request.method === "POST" && path === "/realms/ops/protocol/openid-connect/token/introspect") {
      const who = client(request, form);
      if (!options.clients.some((c) => c.id === who.id && c.secret === who.secret)) {
        send(401, { error: "invalid_client" });
        return;
      }
      const claims = tokens.get(form.get("token") ?? "");
      send(200, claims === undefined ? { active: false } : { active: true, ...claims });
      return;
    }
    send(404, { error: "not found" });
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/ops`;
  return {
    issuer,
    discoveryEndpoint: `${issuer}/.well-known/openid-configuration`,
    tokenEndpoint: `${issuer}/protocol/openid-connect/token`,
    introspectionEndpoint: `${issuer}/protocol/openid-connect/token/introspect`,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
