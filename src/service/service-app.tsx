// The HTTP side of `stacksweep serve` (Hono): health and readiness, Prometheus metrics, the read-only JSON API and
// the server-rendered dashboard, behind optional bearer/basic auth and strict security headers.

import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { Child } from "hono/jsx";
import type { FindingFilter } from "../store/finding-filter.ts";
import { basicAuth } from "hono/basic-auth";
import { html } from "hono/html";
import { bearerAuth } from "hono/bearer-auth";
import { NONCE, secureHeaders, type SecureHeadersVariables } from "hono/secure-headers";
import type { HistoryStore } from "../store/history-store.ts";
import type { DashboardAuth } from "./dashboard-auth.ts";
import { FindingPage } from "./dashboard/finding-page.tsx";
import { FindingsPage } from "./dashboard/findings-page.tsx";
import { Layout } from "./dashboard/layout.tsx";
import { OverviewPage, overviewData } from "./dashboard/overview-page.tsx";
import { ScansPage } from "./dashboard/scans-page.tsx";
import { findingFilterFromQuery, PAGE_SIZE, QueryError } from "./finding-query.ts";
import type { HorizonUrls } from "./dashboard/horizon-link.tsx";
import type { JobStatus } from "./scan-scheduler.ts";
import type { ServiceMetrics } from "./service-metrics.ts";

export interface ServiceAppOptions {
  store: HistoryStore;
  metrics: ServiceMetrics;
  jobs?: () => JobStatus[];
  auth?: DashboardAuth | null;
  /** Horizon's URL per cloud name, for links to each resource's page. */
  horizon?: HorizonUrls;
  /** The bearer token /metrics requires; null or absent: /metrics is open, whatever the dashboard's auth. */
  metricsToken?: string | null;
  now?: () => Date;
}

type Env = { Variables: SecureHeadersVariables };

// Open to anyone who reaches the port; /metrics has a guard of its own.
const OPEN_PATHS = new Set(["/healthz", "/readyz", "/favicon.ico", "/metrics"]);

export function createServiceApp(options: ServiceAppOptions): Hono<Env> {
  const { store, metrics } = options;
  const now = options.now ?? (() => new Date());
  const jobs = options.jobs ?? (() => []);
  const horizon = options.horizon ?? {};
  const app = new Hono<Env>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: [NONCE],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "no-referrer",
    }),
  );
  const auth = options.auth ?? null;
  if (auth !== null) {
    const guard: MiddlewareHandler =
      auth.type === "bearer"
        ? bearerAuth({ token: auth.token })
        : basicAuth({ username: auth.username, password: auth.password, realm: "stacksweep" });
    app.use(async (c, next) => {
      if (OPEN_PATHS.has(c.req.path)) {
        await next();
        return;
      }
      return guard(c, next);
    });
  }

  // Browsers ask for it on every page; an empty answer keeps 404s out of their consoles and our logs.
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await store.listScans({ limit: 1 });
      return c.json({ status: "ready" });
    } catch {
      return c.json({ status: "store unavailable" }, 503);
    }
  });
  const metricsToken = options.metricsToken ?? null;
  if (metricsToken !== null) app.use("/metrics", bearerAuth({ token: metricsToken }));
  app.get("/metrics", async (c) => {
    c.header("Content-Type", metrics.registry.contentType);
    return c.body(await metrics.render());
  });

  app.get("/api/scans", async (c) => {
    const limit = Number(c.req.query("limit") ?? "100");
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      return c.json({ error: "limit: expected 1 to 10000" }, 400);
    const cloud = c.req.query("cloud");
    const region = c.req.query("region");
    const scans = await store.listScans({
      limit,
      ...(cloud === undefined ? {} : { cloud }),
      ...(region === undefined ? {} : { region }),
    });
    return c.json({ scans, jobs: jobs() });
  });
  app.get("/api/findings", async (c) => {
    const filter = findingFilterFromQuery((name) => c.req.queries(name) ?? [], now());
    const [findings, total] = await Promise.all([
      store.listFindings(filter),
      store.countFindings(withoutPaging(filter)),
    ]);
    return c.json({ total, findings });
  });
  app.get("/api/findings/:id", async (c) => {
    const finding = await store.getFinding(c.req.param("id"));
    if (finding === null) return c.json({ error: "no such finding" }, 404);
    return c.json({ ...finding, sightings: await store.findingSightings(finding.id) });
  });

  const page = (c: Context<Env>, title: string, section: "overview" | "findings" | "scans", body: Child) =>
    c.html(
      html`<!doctype html>${(
          <Layout title={title} section={section} nonce={c.get("secureHeadersNonce") ?? ""}>
            {body}
          </Layout>
        )}`,
    );

  app.get("/", async (c) => {
    const statuses = await store.regionStatus();
    const [counts, trends, open] = await Promise.all([
      store.openCounts(),
      Promise.all(statuses.map((s) => store.trend({ cloud: s.cloud, region: s.region, limit: 60 }))),
      store.listFindings({ state: "open" }),
    ]);
    return page(
      c,
      "Overview",
      "overview",
      <OverviewPage data={overviewData(statuses, counts, trends, jobs(), open)} now={now()} />,
    );
  });
  app.get("/findings", async (c) => {
    const filter = findingFilterFromQuery((name) => c.req.queries(name) ?? [], now());
    const [findings, total, counts] = await Promise.all([
      store.listFindings(filter),
      store.countFindings(withoutPaging(filter)),
      store.openCounts(),
    ]);
    const query = new URL(c.req.url).searchParams;
    const checks = [...new Set([...counts.map((x) => x.check), ...(filter.check ?? [])])].sort();
    return page(
      c,
      "Findings",
      "findings",
      <FindingsPage
        findings={findings}
        total={total}
        checks={checks}
        query={query}
        offset={filter.offset ?? 0}
        limit={filter.limit ?? PAGE_SIZE}
        horizon={horizon}
        now={now()}
      />,
    );
  });
  app.get("/findings/:id", async (c) => {
    const finding = await store.getFinding(c.req.param("id"));
    if (finding === null) return c.html("<!doctype html><title>Not found</title><p>No such finding.</p>", 404);
    const title = `${finding.check}: ${finding.resource.name ?? finding.resource.id}`;
    return page(
      c,
      title,
      "findings",
      <FindingPage
        finding={finding}
        sightings={await store.findingSightings(finding.id)}
        horizon={horizon}
        now={now()}
      />,
    );
  });
  app.get("/scans", async (c) =>
    page(c, "Scans", "scans", <ScansPage scans={await store.listScans({ limit: 500 })} now={now()} />),
  );

  app.onError((error, c) => {
    if (error instanceof QueryError) return c.json({ error: error.message }, 400);
    if ("getResponse" in error && typeof error.getResponse === "function") return error.getResponse();
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}

function withoutPaging(filter: FindingFilter): FindingFilter {
  const { limit: _limit, offset: _offset, ...rest } = filter;
  return rest;
}
