// Holds the session's Keystone token: issues it, reuses it until shortly before it expires, and re-issues it
// once when a service says it is no longer valid. Concurrent callers share one re-authentication.

import type { ResolvedCloud } from "../../config/clouds.ts";
import { AuthError, ConnectionError, OpenStackApiError } from "../errors.ts";
import { serviceMessage } from "../service-message.ts";
import type { HttpClient } from "../transport/http-client.ts";
import type { Redactor } from "../transport/redact.ts";
import { authRequestBody, tokenMethodBody, tokenResponseSchema, tokensUrl, type TokenResponse } from "./keystone-v3.ts";
import { federatedToken } from "./oidc.ts";

/** Re-issue this long before `expires_at`, so a token never expires in the middle of a request. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface IssuedToken {
  value: string;
  /** Local-clock time after which the token is re-issued before use. */
  refreshAt: number;
  body: TokenResponse["token"];
}

export class Authenticator {
  readonly #cloud: ResolvedCloud;
  readonly #http: HttpClient;
  readonly #redactor: Redactor;
  readonly #userAgent: string;
  #current: IssuedToken | null = null;
  #pending: Promise<IssuedToken> | null = null;

  /** `issued`: a token of this cloud another session issued (another region's), used until it must be re-issued. */
  constructor(cloud: ResolvedCloud, http: HttpClient, redactor: Redactor, userAgent: string, issued?: IssuedToken) {
    this.#cloud = cloud;
    this.#http = http;
    this.#redactor = redactor;
    this.#userAgent = userAgent;
    redactor.add(cloud.auth.password?.reveal());
    redactor.add(cloud.auth.applicationCredentialSecret?.reveal());
    redactor.add(cloud.auth.token?.reveal());
    redactor.add(cloud.auth.passcode?.reveal());
    redactor.add(cloud.auth.oidc?.clientSecret?.reveal());
    redactor.add(cloud.auth.oidc?.accessToken?.reveal());
    if (issued !== undefined) {
      redactor.add(issued.value);
      this.#current = issued;
    }
  }

  /** The token this session holds now, if it has one. */
  get issued(): IssuedToken | null {
    return this.#current;
  }

  /** A token valid for at least the refresh margin, issuing a new one if needed. */
  async token(now: number = Date.now()): Promise<IssuedToken> {
    const current = this.#current;
    if (current !== null && now < current.refreshAt) return current;
    return this.#issue();
  }

  /** Called after a 401: forget `rejected` (unless a newer token already replaced it) and issue another. */
  async reauthenticate(rejected: string): Promise<IssuedToken> {
    if (this.#current !== null && this.#current.value !== rejected) return this.#current;
    this.#current = null;
    return this.#issue();
  }

  #issue(): Promise<IssuedToken> {
    this.#pending ??= this.#request().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #request(): Promise<IssuedToken> {
    const url = tokensUrl(this.#cloud.auth.authUrl);
    const started = Date.now();
    const { oidc } = this.#cloud.auth;
    const body =
      oidc === undefined
        ? authRequestBody(this.#cloud)
        : tokenMethodBody(
            await federatedToken(this.#cloud, oidc, {
              http: this.#http,
              redactor: this.#redactor,
              userAgent: this.#userAgent,
            }).catch((error: unknown) => {
              throw this.#unreachable(error);
            }),
            this.#cloud.auth,
          );
    const response = await this.#http
      .send({
        service: "identity",
        method: "POST",
        // Issuing a token changes nothing: a 5xx or a reset is retried like a read.
        idempotent: true,
        url,
        headers: { "Content-Type": "application/json", Accept: "application/json", "User-Agent": this.#userAgent },
        body: JSON.stringify(body),
      })
      .catch((error: unknown) => {
        throw this.#unreachable(error);
      });
    const requestId = response.headers["x-openstack-request-id"] ?? null;
    if (response.status >= 500 || response.status === 429) {
      // Keystone's own trouble, after the retries: the credentials were never judged.
      const because = serviceMessage(response.text);
      throw new OpenStackApiError({
        service: "identity",
        method: "POST",
        path: this.#redactor.text(url),
        status: response.status,
        requestId,
        serviceMessage: because === null ? "Keystone could not issue a token" : this.#redactor.text(because),
      });
    }
    if (response.status !== 201 && response.status !== 200) {
      const because = serviceMessage(response.text);
      throw new AuthError(
        this.#redactor.text(
          `Keystone at ${this.#where()} refused ${this.#who()} (HTTP ${response.status}${because ? `: ${because}` : ""})`,
        ),
        { status: response.status, requestId },
      );
    }
    const value = response.headers["x-subject-token"];
    if (value === undefined || value === "") {
      throw new AuthError(`Keystone at ${this.#where()} issued no X-Subject-Token header`, { requestId });
    }
    this.#redactor.add(value);
    let parsed: TokenResponse;
    try {
      parsed = tokenResponseSchema.parse(JSON.parse(response.text) as unknown);
    } catch {
      throw new AuthError(`Keystone at ${this.#where()} answered a token body that is not a v3 token`, {
        requestId,
      });
    }
    const expiresAt = Date.parse(parsed.token.expires_at);
    if (Number.isNaN(expiresAt)) {
      throw new AuthError(`Keystone at ${this.#where()} answered an unreadable expires_at`, { requestId });
    }
    // expires_at is on Keystone's clock: move it onto ours with the skew its Date header shows.
    const serverDate = Date.parse(response.headers.date ?? "");
    const skew = Number.isNaN(serverDate) ? 0 : serverDate - Date.now();
    const issuedAt = Date.parse(parsed.token.issued_at ?? "");
    const lifetime = Number.isNaN(issuedAt) ? expiresAt - (started + skew) : expiresAt - issuedAt;
    // Short-lived tokens (test clouds) would be "expiring" at once with a fixed 5-minute margin: use half the life.
    const margin = Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetime / 2));
    const token: IssuedToken = { value, refreshAt: expiresAt - skew - margin, body: parsed.token };
    this.#current = token;
    return token;
  }

  #unreachable(error: unknown): unknown {
    if (error instanceof ConnectionError) {
      return new ConnectionError(`cannot authenticate to cloud ${this.#cloud.name}: ${error.message}`, {
        url: error.url,
        code: error.code,
      });
    }
    return error;
  }

  /** The auth URL as it may be shown: without userinfo or any known secret. */
  #where(): string {
    return this.#redactor.text(this.#cloud.auth.authUrl);
  }

  #who(): string {
    const a = this.#cloud.auth;
    switch (this.#cloud.authType) {
      case "password":
        return `the password of user ${a.username ?? a.userId ?? "?"}${a.userDomainName ? ` (domain ${a.userDomainName})` : ""}`;
      case "v3applicationcredential":
        return `application credential ${a.applicationCredentialId ?? a.applicationCredentialName ?? "?"}`;
      case "token":
        return "the token given in clouds.yaml";
      case "v3totp":
        return `the passcode of user ${a.username ?? a.userId ?? "?"}`;
      default:
        return `the federated token of identity provider ${a.oidc?.identityProvider ?? "?"}`;
    }
  }
}
