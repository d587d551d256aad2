// A deliberately small, independent OpenStack HTTP client for the e2e suites: password auth, the catalog, and raw
// requests that return status, headers and body untouched. Independent of src/openstack so that the suites test
// stacksweep's client and fakecloud against something they do not share code with.
import * as z from "zod";

export interface PasswordAuth {
  authUrl: string; // ".../v3"
  username: string;
  password: string;
  projectName: string;
  userDomainName?: string;
  projectDomainName?: string;
  region?: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when the body is empty or not JSON (see `text`). */
  body: unknown;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is instead of a JSON body (image data). */
  rawBody?: Uint8Array;
  headers?: Record<string, string>;
  /** Without a token (version discovery, token issue). */
  anonymous?: boolean;
  timeoutMs?: number;
}

const catalogSchema = z.array(
  z.object({
    type: z.string(),
    endpoints: z.array(z.object({ interface: z.string(), region: z.string().nullish(), url: z.string() })),
  }),
);
const tokenBodySchema = z.object({
  token: z.object({ project: z.object({ id: z.string() }).optional(), catalog: catalogSchema.optional() }),
});

/** The catalog types tried, in order, for a service type stacksweep names. */
const CATALOG_ALIASES: Record<string, readonly string[]> = {
  "block-storage": ["block-storage", "volumev3"],
};

export class RestSession {
  private constructor(
    readonly name: string,
    readonly authUrl: string,
    readonly token: string,
    readonly projectId: string,
    private readonly endpoints: ReadonlyMap<string, string>,
  ) {}

  /** Issues a project-scoped token; `name` labels every error ("devcloud", "fakecloud"). */
  static async login(name: string, auth: PasswordAuth): Promise<RestSession> {
    const response = await rawRequest(name, "POST", `${auth.authUrl}/auth/tokens`, {
      anonymous: true,
      body: passwordAuthBody(auth),
    });
    const token = response.headers.get("x-subject-token");
    if (response.status !== 201 || !token) {
      throw new Error(`${name}: token issue answered ${response.status}: ${response.text.slice(0, 300)}`);
    }
    const parsed = tokenBodySchema.parse(response.body);
    const region = auth.region ?? "RegionOne";
    const endpoints = new Map<string, string>();
    for (const service of parsed.token.catalog ?? []) {
      const endpoint = service.endpoints.find((e) => e.interface === "public" && (e.region ?? region) === region);
      if (endpoint) endpoints.set(service.type, endpoint.url.replace(/\/+$/, ""));
    }
    return new RestSession(name, auth.authUrl, token, parsed.token.project?.id ?? "", endpoints);
  }

  /** The public endpoint of a service in the catalog (identity: the auth URL given at login). */
  endpoint(serviceType: string): string {
    if (serviceType === "identity") return this.authUrl;
    for (const type of CATALOG_ALIASES[serviceType] ?? [serviceType]) {
      const url = this.endpoints.get(type);
      if (url) return url;
    }
    throw new Error(`${this.name}: no ${serviceType} endpoint in the catalog`);
  }

  /** A request to `path` relative to the service's endpoint, or to an absolute URL. */
  request(method: string, serviceType: string, path: string, options: RequestOptions = {}): Promise<RawResponse> {
    const url = /^https?:\/\//.test(path) ? path : `${this.endpoint(serviceType)}${path}`;
    const headers = { ...(options.anonymous ? {} : { "X-Auth-Token": this.token }), ...options.headers };
    return rawRequest(this.name, method, url, { ...options, headers });
  }

  /** Like request(), but fails with the call and the answer unless the status is one of `expected`. */
  async expect(
    expected: number | readonly number[],
    method: string,
    serviceType: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<RawResponse> {
    const response = await this.request(method, serviceType, path, options);
    const allowed = typeof expected === "number" ? [expected] : expected;
    if (!allowed.includes(response.status)) {
      throw new Error(
        `${this.name}: ${method} ${serviceType} ${path} answered ${response.status}, expected ${allowed.join(" or ")}: ` +
          response.text.slice(0, 500),
      );
    }
    return response;
  }

  /** GET returning the parsed body of a 200 answer. */
  async get(serviceType: string, path: string, headers: Record<string, string> = {}): Promise<unknown> {
    return (await this.expect(200, "GET", serviceType, path, { headers })).body;
  }
}

export function passwordAuthBody(auth: PasswordAuth): unknown {
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: { name: auth.username, domain: { name: auth.userDomainName ?? "Default" }, password: auth.password },
        },
      },
      scope: { project: { name: auth.projectName, domain: { name: auth.projectDomainName ?? "Default" } } },
    },
  };
}

/**
 * One HTTP request with a deadline. A timeout names the call: on the devcloud it usually means a hung API, and the
 * runner then prints the services' logs.
 */
export async function rawRequest(
  name: string,
  method: string,
  url: string,
  options: RequestOptions & { headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  let body: string | Uint8Array | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] ??= "application/json";
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body ?? null, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`${name}: ${method} ${url} failed without an answer within ${timeoutMs} ms (${reason})`, {
      cause: error,
    });
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = null;
    }
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
