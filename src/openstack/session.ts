// One authenticated conversation with one region of one cloud: every HTTP request stacksweep makes goes
// through here (auth, catalog, microversions, pagination, retries, limits, accounting, redaction).

import { TOOL_VERSION as toolVersion } from "../config/tool-version.ts";
import type { Agent } from "undici";
import { setImmediate } from "node:timers/promises";
import type { EndpointInterface, ResolvedCloud } from "../config/clouds.ts";
import { silentLogger, type Logger } from "../log/logger.ts";
import { Authenticator, type IssuedToken } from "./auth/authenticator.ts";
import { Catalog } from "./catalog.ts";
import { splitAccountEndpoint } from "./object-store-account.ts";
import { AuthError, CatalogError, MicroversionError, OpenStackApiError } from "./errors.ts";
import {
  discoveryUrls,
  microversionHeaders,
  MICROVERSION_SERVICE_NAME,
  negotiateMicroversion,
  rangeFromVersionDocument,
  type VersionRange,
} from "./microversion.ts";
import { MarkerGuard, MAX_PAGE_SIZE, mergeQuery, nextPageQuery, type QueryParams } from "./paginate.ts";
import { serviceMessage } from "./service-message.ts";
import { SERVICE_TYPES, type ServiceType } from "../config/service-type.ts";
import { RequestAccounting, type ServiceStats } from "./transport/accounting.ts";
import { createAgent } from "./transport/agent.ts";
import { HttpClient, type HttpResponse } from "./transport/http-client.ts";
import { isBlank, parseJsonBody, splitJsonBody, type SplitPage } from "./transport/parse-json-body.ts";
import { Redactor } from "./transport/redact.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./transport/retry.ts";

const USER_AGENT = `stacksweep/${toolVersion}`;

export interface ApiRequest {
  method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** A plain-text body instead of JSON (Swift's bulk delete reads one path a line). */
  text?: string;
  microversion?: string;
  okStatuses?: readonly number[];
  /** Headers a service reads instead of a query parameter (Designate's `x-auth-all-projects`). */
  headers?: Readonly<Record<string, string>>;
}

export interface ApiResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
  requestId: string | null;
}

export interface SessionOptions {
  region?: string;
  logger?: Logger;
  /** Per-attempt timeout (headers and body); default 60 s. */
  timeoutMs?: number;
  /** Requests in flight per service; default 8. */
  concurrencyPerService?: number;
  /** Retry bounds and backoff; tests shorten the delays. */
  retry?: Partial<RetryPolicy>;
  /** The most one listing (all its pages, retries included) may take; default 30 minutes. */
  listingDeadlineMs?: number;
}

export interface SessionIdentity {
  userId: string;
  projectId: string | null;
  domainId: string | null;
  roles: string[];
  /** A system-scoped token (`"system": {"all": true}`). */
  system: boolean;
}

export class Session {
  readonly cloud: string;
  readonly region: string;
  readonly identity: SessionIdentity;

  readonly #interface: EndpointInterface;
  readonly #endpointOverrides: Partial<Record<ServiceType, string>>;
  readonly #apiVersions: Partial<Record<ServiceType, string>>;
  readonly #auth: Authenticator;
  readonly #http: HttpClient;
  readonly #agent: Agent;
  readonly #accounting: RequestAccounting;
  readonly #redactor: Redactor;
  readonly #logger: Logger;
  readonly #versions = new Map<ServiceType, Promise<VersionRange | null>>();
  /**
   * The token the first request to a service other than Keystone carried, and when it was answered: shared by the
   * sessions of one cloud's regions, which share their token (`inRegion`).
   */
  readonly #firstAnswer: FirstAnswer;
  readonly #resolved: ResolvedCloud;
  readonly #options: SessionOptions;
  #closed: Promise<void> | undefined;
  /** Large pages held unparsed while their listing's next request goes out (paginate). */
  #pagesWaiting = 0;
  readonly #listingDeadlineMs: number;
  #catalog: Catalog;

  private constructor(init: {
    resolved: ResolvedCloud;
    options: SessionOptions;
    region: string;
    token: IssuedToken;
    catalog: Catalog;
    auth: Authenticator;
    firstAnswer: FirstAnswer;
    transport: Transport;
  }) {
    const { http, agent, accounting, redactor, logger } = init.transport;
    const values = init.resolved.regionValues?.[init.region];
    this.#resolved = init.resolved;
    this.#options = init.options;
    this.#firstAnswer = init.firstAnswer;
    this.cloud = init.resolved.name;
    this.region = init.region;
    this.#interface = values?.interface ?? init.resolved.interface;
    this.#endpointOverrides = { ...init.resolved.endpointOverrides, ...values?.endpointOverrides };
    this.#apiVersions = { ...init.resolved.apiVersions, ...values?.apiVersions };
    this.#catalog = init.catalog;
    this.#auth = init.auth;
    this.#http = http;
    this.#agent = agent;
    this.#accounting = accounting;
    this.#redactor = redactor;
    this.#logger = logger.child({ region: init.region });
    this.#listingDeadlineMs = init.options.listingDeadlineMs ?? 30 * 60_000;
    const t = init.token.body;
    this.identity = {
      userId: t.user.id,
      projectId: t.project?.id ?? null,
      domainId: t.project?.domain?.id ?? t.domain?.id ?? null,
      roles: (t.roles ?? []).map((r) => r.name),
      system: t.system !== undefined,
    };
  }

  /** Authenticates and reads the catalog; throws AuthError, ConnectionError or CatalogError. */
  static async open(cloud: ResolvedCloud, options: SessionOptions = {}): Promise<Session> {
    const transport = openTransport(cloud, options);
    const auth = new Authenticator(cloud, transport.http, transport.redactor, USER_AGENT);
    try {
      const token = await auth.token();
      if (token.body.catalog === undefined || token.body.catalog.length === 0) {
        throw new CatalogError(
          `Keystone issued cloud ${cloud.name} a token without a service catalog (is it scoped to a project, domain or system?)`,
          { service: "identity", region: null, interface: cloud.interface },
        );
      }
      const catalog = new Catalog(token.body.catalog);
      const region = chooseRegion(cloud, options.region, catalog);
      return new Session({ resolved: cloud, options, region, token, catalog, auth, firstAnswer: {}, transport });
    } catch (error) {
      await transport.agent.close();
      throw error;
    }
  }

  /**
   * A session of another region of this cloud that carries this session's token. A Keystone token is good in every
   * region of its catalog: a scan of ten regions asks Keystone for one token, not ten (each issue is a password check
   * and a catalog of every region, ≈ 60 ms of the benchmark's Keystone each), and its first region starts without
   * waiting for the others' tokens. Each session re-issues the token on its own once it expires or is refused, and
   * keeps its own connections and request counts. Throws CatalogError for a region the catalog does not have.
   */
  inRegion(region: string): Session {
    const token = this.#auth.issued;
    if (token === null) throw new AuthError(`cloud ${this.cloud} holds no token to share with region ${region}`, {});
    const options = { ...this.#options, region };
    chooseRegion(this.#resolved, region, this.#catalog);
    const transport = openTransport(this.#resolved, options);
    const auth = new Authenticator(this.#resolved, transport.http, transport.redactor, USER_AGENT, token);
    return new Session({
      resolved: this.#resolved,
      options,
      region,
      token,
      catalog: this.#catalog,
      auth,
      firstAnswer: this.#firstAnswer,
      transport,
    });
  }

  /** Regions the catalog knows, for --all-regions. */
  regions(): string[] {
    return this.#catalog.regions();
  }

  hasService(service: ServiceType): boolean {
    return this.#endpointOverrides[service] !== undefined || this.#catalog.has(service, this.region, this.#interface);
  }

  /** The base URL of a service in this session's region and interface (an override wins over the catalog). */
  endpoint(service: ServiceType): string {
    const url = this.#endpointUrl(service);
    // Object-store paths name their account (`/AUTH_<project>/...`): the base is the endpoint without the caller's.
    return service === "object-store" ? splitAccountEndpoint(url, this.identity.projectId).base : url;
  }

  /** The reseller prefix of this cloud's Swift accounts (`AUTH_`), read from the caller's own account endpoint. */
  objectStoreAccountPrefix(): string {
    return splitAccountEndpoint(this.#endpointUrl("object-store"), this.identity.projectId).prefix;
  }

  #endpointUrl(service: ServiceType): string {
    const override = this.#endpointOverrides[service];
    if (override !== undefined) {
      const projectId = this.identity.projectId ?? "";
      return override.replace(/[%$]\((project_id|tenant_id)\)s/g, projectId).replace(/\/+$/, "");
    }
    return this.#catalog.endpoint(service, this.region, this.#interface);
  }

  request<T = unknown>(service: ServiceType, req: ApiRequest): Promise<ApiResponse<T>> {
    return this.#request<T>(service, req);
  }

  /**
   * `pageKey`: the answer is a listing page whose elements are under this key; a large one comes back with only its
   * envelope parsed and the elements in `page`, to be parsed once the next page is asked for (paginate).
   */
  async #request<T>(
    service: ServiceType,
    req: ApiRequest,
    deadline?: number,
    pageKey?: string,
  ): Promise<ApiResponse<T> & { page?: UnparsedPage }> {
    const method = req.method ?? "GET";
    const url = this.endpoint(service) + normalizePath(req.path) + queryString(req.query);
    const headers: Record<string, string> = { ...req.headers, Accept: "application/json", "User-Agent": USER_AGENT };
    if (req.text !== undefined) headers["Content-Type"] = "text/plain";
    else if (req.body !== undefined) headers["Content-Type"] = "application/json";
    let microversion: string | null = null;
    if (req.microversion !== undefined && MICROVERSION_SERVICE_NAME[service] !== undefined) {
      const range = await this.#versionRange(service);
      microversion = negotiateMicroversion(service, req.microversion, range, this.#apiVersions[service]);
      if (microversion !== null) Object.assign(headers, microversionHeaders(service, microversion));
    }
    const body = req.text ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    let token = await this.#auth.token();
    const sent = token.value;
    let response = await this.#afterFirstAnswer(service, sent, () =>
      this.#send(service, method, url, headers, sent, body, req.okStatuses, deadline),
    );
    if (response.status === 401) {
      this.#logger.info({ service, method, path: req.path }, "token rejected; re-authenticating once");
      response.release();
      token = await this.#auth.reauthenticate(token.value);
      response = await this.#send(service, method, url, headers, token.value, body, req.okStatuses, deadline);
      if (response.status === 401) {
        throw new AuthError(
          this.#redactor.text(
            `${service} ${method} ${req.path} answered 401 again after re-authenticating to cloud ${this.cloud}: ` +
              (serviceMessage(response.text) ?? "the token is not accepted"),
          ),
          { status: 401, requestId: requestIdOf(response.headers) },
        );
      }
    }
    let handedOver = false;
    try {
      const ok = req.okStatuses
        ? req.okStatuses.includes(response.status)
        : response.status >= 200 && response.status < 300;
      if (!ok) {
        const message = serviceMessage(response.text);
        if (response.status === 406 && microversion !== null) {
          const range = await this.#versionRange(service);
          throw new MicroversionError(
            this.#redactor.text(
              `${service} refused microversion ${microversion} for ${method} ${req.path} (406${message ? `: ${message}` : ""})`,
            ),
            { service, requested: microversion, serverMin: range?.min ?? null, serverMax: range?.max ?? null },
          );
        }
        throw new OpenStackApiError({
          service,
          method,
          path: this.#redactor.text(req.path),
          status: response.status,
          requestId: requestIdOf(response.headers),
          serviceMessage: message === null ? null : this.#redactor.text(message),
        });
      }
      const split = pageKey === undefined ? null : splitJsonBody(response.body, pageKey);
      if (split !== null) {
        handedOver = true;
        const page: UnparsedPage = {
          length: split.length,
          last: split.last,
          elements: (map) => {
            try {
              return split.elements(map);
            } catch {
              throw this.#notJson(service, method, req.path, response);
            } finally {
              response.release();
            }
          },
        };
        return {
          status: response.status,
          headers: response.headers,
          body: split.envelope as T,
          requestId: requestIdOf(response.headers),
          page,
        };
      }
      return {
        status: response.status,
        headers: response.headers,
        // The caller names the shape it expects; callers that need certainty parse it with their own schema.
        body: this.#parseBody(service, method, req.path, response) as T,
        requestId: requestIdOf(response.headers),
      };
    } finally {
      // Parsed or put into an error by now (a split page's buffer by its `elements`): a large body's buffer serves
      // the next answer.
      if (!handedOver) response.release();
    }
  }

  /**
   * Pages of a listing, following the service's own next links. Throws TruncatedListingError when Keystone
   * answers "truncated": true, PaginationLoopError on a repeated marker.
   *
   * The next page is requested as soon as its link is known: a large page's link and last item are read before its
   * items are parsed, so that both the parse and the caller's work on the page overlap the next round trip, which is
   * what a long listing's time is made of (at a million resources the 193 pages of servers are the scan's longest
   * chain). A caller that stops early therefore leaves one request made for nothing.
   *
   * `mapItem` turns each item into what the caller keeps as it is parsed (a few fields of a record); the marker of a
   * page is still read from the item as the service sent it.
   */
  async *paginate<T = Record<string, unknown>>(
    service: ServiceType,
    req: ApiRequest & {
      resourcesKey: string;
      pageSize?: number | "max";
      markerField?: string;
      offsetPaging?: boolean;
      mapItem?: (item: unknown) => T;
    },
  ): AsyncGenerator<T[]> {
    const { resourcesKey, pageSize = "max", markerField, offsetPaging = false, mapItem, ...rest } = req;
    const first = toQueryParams(rest.query);
    const limit = pageSize === "max" ? MAX_PAGE_SIZE[service] : pageSize;
    if (limit !== undefined && first.limit === undefined) first.limit = [String(limit)];
    const guard = new MarkerGuard(service, rest.path);
    guard.check(first);
    // One deadline for the whole listing: pages, retries and a hanging answer all count against it.
    const deadline = Date.now() + this.#listingDeadlineMs;
    const fetchPage = (query: QueryParams): Promise<ApiResponse<unknown> & { page?: UnparsedPage }> => {
      const pending = this.#request(service, { ...rest, method: "GET", query }, deadline, resourcesKey);
      // Awaited on the next turn of the loop; until then a failure must not count as unhandled.
      pending.catch(() => undefined);
      return pending;
    };
    let nextPage = fetchPage(first);
    let received = 0;
    for (;;) {
      const response = await nextPage;
      const body = response.body;
      const page = response.page ?? parsedPage(body, resourcesKey);
      if (page === null) {
        throw new OpenStackApiError({
          service,
          method: "GET",
          path: rest.path,
          status: response.status,
          requestId: response.requestId,
          serviceMessage: `the answer has no "${resourcesKey}" list`,
        });
      }
      received += page.length;
      const next = offsetPaging
        ? offsetOfFullPage(received, page.length, limit)
        : (nextPageQuery(service, rest.path, body as Record<string, unknown>, resourcesKey, received) ??
          markerOfFullPage(page.last, page.length, limit, markerField));
      // A page is handed over even when its own link loops; the loop is the error after it.
      let loop: Error | null = null;
      if (next !== null) {
        const query = mergeQuery(first, next);
        try {
          guard.check(query);
          nextPage = fetchPage(query);
        } catch (error) {
          loop = error instanceof Error ? error : new Error(String(error));
        }
      }
      // A large page's items are parsed after the next request goes out: the parse overlaps its round trip instead
      // of adding to the listing's chain of pages (a small page was parsed whole on arrival). undici writes that
      // request on a kept-alive connection two turns of the event loop after the connection's last answer (one to see
      // that the server kept it open, one to validate it idle). Only while few pages wait: each holds its answer's
      // buffer, and with many listings in flight the scanner is busy parsing anyway (at a million resources, without
      // this bound, 16 answers were held at once: 25 MB).
      if (response.page !== undefined && next !== null && loop === null && this.#pagesWaiting < MAX_PAGES_WAITING) {
        this.#pagesWaiting += 1;
        try {
          await setImmediate();
          await setImmediate();
        } finally {
          this.#pagesWaiting -= 1;
        }
      }
      yield page.elements(mapItem ?? ((item: unknown) => item as T));
      if (loop !== null) throw loop;
      if (next === null) return;
    }
  }

  /** Requests made so far, per service: count, errors, bytes, total ms, and the clock skew seen in `Date` headers. */
  stats(): ServiceStats[] {
    return this.#accounting.snapshot();
  }

  /** Closes the session's connections; closing it again waits for the same close. */
  close(): Promise<void> {
    return (this.#closed ??= this.#agent.close());
  }

  /**
   * Runs `send` once a service has answered a request made with `token`. An API checks a token it has not seen with
   * Keystone and caches the result, in clouds like the devcloud in the memcached its services share
   * (keystonemiddleware's `memcached_servers`): requests sent together with a new token each miss that cache and
   * each cost a validation, which made Keystone the busiest service of a scan (on the devcloud, 25 validations
   * where one suffices, 0.5 s of its CPU). So the first request goes alone and the others follow its answer,
   * whatever it was. Keystone itself is not held back: it checks its own tokens, cached when it issued them. A
   * first request that hangs holds the others until its timeout, which a scan waits for anyway before it ends.
   * The rule holds once per token, not once per region: the regions after the first start with a token Keystone has
   * already checked and cached, and holding each region's listings behind a round trip left the scanner idle at
   * every region's start (≈ 80 ms a region on the benchmark's ten).
   */
  async #afterFirstAnswer<T>(service: ServiceType, token: string, send: () => Promise<T>): Promise<T> {
    if (service === "identity") return send();
    const first = this.#firstAnswer.current;
    if (first?.token === token) {
      await first.answered;
      return send();
    }
    const sending = send();
    const settled = (): void => undefined;
    this.#firstAnswer.current = { token, answered: sending.then(settled, settled) };
    return sending;
  }

  async #send(
    service: ServiceType,
    method: string,
    url: string,
    headers: Record<string, string>,
    token: string,
    body: string | undefined,
    expectedStatuses?: readonly number[],
    deadline?: number,
  ): Promise<HttpResponse> {
    return this.#http.send({
      service,
      method,
      url,
      headers: { ...headers, "X-Auth-Token": token },
      ...(body === undefined ? {} : { body }),
      ...(expectedStatuses === undefined ? {} : { expectedStatuses }),
      ...(deadline === undefined ? {} : { deadline }),
    });
  }

  #parseBody(service: ServiceType, method: string, path: string, response: HttpResponse): unknown {
    if (response.status === 204 || isBlank(response.body)) return null;
    try {
      return parseJsonBody(response.body);
    } catch {
      throw this.#notJson(service, method, path, response);
    }
  }

  #notJson(service: ServiceType, method: string, path: string, response: HttpResponse): OpenStackApiError {
    return new OpenStackApiError({
      service,
      method,
      path,
      status: response.status,
      requestId: requestIdOf(response.headers),
      serviceMessage: `the answer is not valid JSON (${response.bytes} bytes, content-type ${response.headers["content-type"] ?? "none"})`,
    });
  }

  /** The service's microversion range, discovered once per session and shared by concurrent callers. */
  #versionRange(service: ServiceType): Promise<VersionRange | null> {
    let pending = this.#versions.get(service);
    if (pending === undefined) {
      pending = this.#discover(service);
      this.#versions.set(service, pending);
      pending.catch(() => this.#versions.delete(service));
    }
    return pending;
  }

  async #discover(service: ServiceType): Promise<VersionRange | null> {
    const endpoint = this.endpoint(service);
    for (const url of discoveryUrls(endpoint, this.identity.projectId)) {
      const token = await this.#auth.token();
      const response = await this.#send(
        service,
        "GET",
        url,
        { Accept: "application/json", "User-Agent": USER_AGENT },
        token.value,
        undefined,
      );
      if (response.status >= 400) continue;
      let body: unknown;
      try {
        body = JSON.parse(response.text) as unknown;
      } catch {
        continue;
      }
      const range = rangeFromVersionDocument(service, body);
      if (range !== null) {
        this.#logger.debug({ service, url, min: range.min, max: range.max }, "microversion range");
        return range;
      }
    }
    this.#logger.warn({ service, endpoint }, "no version document found; sending no microversion");
    return null;
  }
}

/** The token's first request to a service other than Keystone, and when it was answered (`#afterFirstAnswer`). */
interface FirstAnswer {
  current?: { token: string; answered: Promise<void> };
}

/** What a session sends its requests through: one region's connections, counts and secrets to redact. */
interface Transport {
  http: HttpClient;
  agent: Agent;
  accounting: RequestAccounting;
  redactor: Redactor;
  logger: Logger;
}

function openTransport(cloud: ResolvedCloud, options: SessionOptions): Transport {
  const logger = (options.logger ?? silentLogger()).child({ cloud: cloud.name });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const concurrency = options.concurrencyPerService ?? 8;
  // Services may share one origin (a single API host behind a proxy): each keeps its own requests in flight.
  const agent = createAgent(cloud, { timeoutMs, connectionsPerOrigin: concurrency * SERVICE_TYPES.length });
  const redactor = new Redactor();
  const accounting = new RequestAccounting();
  const http = new HttpClient({
    dispatcher: agent,
    logger,
    redactor,
    accounting,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeoutMs,
    concurrencyPerService: concurrency,
  });
  return { http, agent, accounting, redactor, logger };
}

function chooseRegion(cloud: ResolvedCloud, asked: string | undefined, catalog: Catalog): string {
  const known = catalog.regions();
  const region = asked ?? cloud.regions[0] ?? (known.length === 1 ? known[0] : undefined);
  if (region === undefined) {
    throw new CatalogError(
      `cloud ${cloud.name} names no region and its catalog has ${known.length === 0 ? "none" : `several (${known.join(", ")})`}: set region_name or pass --os-region-name`,
      { service: "identity", region: null, interface: cloud.interface },
    );
  }
  if (known.length > 0 && !known.includes(region)) {
    throw new CatalogError(
      `region ${region} is not in the catalog of cloud ${cloud.name}; it has ${known.join(", ")}`,
      {
        service: "identity",
        region,
        interface: cloud.interface,
      },
    );
  }
  return region;
}

function normalizePath(path: string): string {
  return path.startsWith("/") ? path : `/${path}`;
}

function toQueryParams(query: ApiRequest["query"]): QueryParams {
  const result: QueryParams = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    result[key] = Array.isArray(value) ? [...(value as readonly string[])] : [String(value)];
  }
  return result;
}

function queryString(query: ApiRequest["query"] | QueryParams | undefined): string {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(toQueryParams(query as ApiRequest["query"]))) {
    for (const value of values) params.append(key, value);
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function requestIdOf(headers: Record<string, string>): string | null {
  return headers["x-openstack-request-id"] ?? headers["x-compute-request-id"] ?? null;
}

/** A page the whole answer was parsed into, in the shape of an unparsed one; null when it has no such list. */
function parsedPage(body: unknown, resourcesKey: string): UnparsedPage | null {
  const items = body !== null && typeof body === "object" ? (body as Record<string, unknown>)[resourcesKey] : undefined;
  if (!Array.isArray(items)) return null;
  return { length: items.length, last: items.at(-1), elements: (map) => items.map(map) };
}

/** Large pages a session holds unparsed at once while their next requests go out. */
const MAX_PAGES_WAITING = 4;

/**
 * A listing page whose elements are not parsed yet (SplitPage): `elements` parses them once, gives the answer's
 * buffer back, and fails as a page that is not JSON does.
 */
type UnparsedPage = Omit<SplitPage, "envelope">;

/**
 * For an API that pages by offset (Manila): a full page asks from where it ended. Manila's next links are not followed:
 * they name a `marker` its listings ignore, so following one returns the same page again.
 */
function offsetOfFullPage(received: number, count: number, limit: number | undefined): QueryParams | null {
  return limit !== undefined && count >= limit && count > 0 ? { offset: [String(received)] } : null;
}

/**
 * Some views have no next links although the API caps the page (Cinder's attachments: `osapi_max_limit` applies,
 * the view builder adds no links), so a full page may not be the last: ask again after its last record.
 */
function markerOfFullPage(
  last: unknown,
  count: number,
  limit: number | undefined,
  markerField: string | undefined,
): QueryParams | null {
  if (markerField === undefined || limit === undefined || count < limit) return null;
  const marker = last !== null && typeof last === "object" ? (last as Record<string, unknown>)[markerField] : undefined;
  return typeof marker === "string" && marker !== "" ? { marker: [marker] } : null;
}
