// Who may read the dashboard and API: a bearer token or basic credentials, from the environment only
// (STACKSWEEP_DASHBOARD_TOKEN, or STACKSWEEP_DASHBOARD_USER and STACKSWEEP_DASHBOARD_PASSWORD), never from a file.
// /metrics has its own optional token (STACKSWEEP_METRICS_TOKEN): Prometheus scrapes with a token of its own, or
// none (the shipped Kubernetes annotations send none), and never holds the dashboard's.

import { ConfigError } from "../config/errors.ts";

export type DashboardAuth = { type: "bearer"; token: string } | { type: "basic"; username: string; password: string };

export function dashboardAuthFromEnv(env: NodeJS.ProcessEnv = process.env): DashboardAuth | null {
  const token = env.STACKSWEEP_DASHBOARD_TOKEN;
  const username = env.STACKSWEEP_DASHBOARD_USER;
  const password = env.STACKSWEEP_DASHBOARD_PASSWORD;
  if (token !== undefined && token !== "") {
    if (token.length < 16) {
      throw new ConfigError({
        file: "environment",
        key: "STACKSWEEP_DASHBOARD_TOKEN",
        expected: "a token of at least 16 characters",
      });
    }
    return { type: "bearer", token };
  }
  if ((username ?? "") !== "" || (password ?? "") !== "") {
    if (username === undefined || username === "" || password === undefined || password === "") {
      throw new ConfigError({
        file: "environment",
        key: username === undefined || username === "" ? "STACKSWEEP_DASHBOARD_USER" : "STACKSWEEP_DASHBOARD_PASSWORD",
        expected: "both STACKSWEEP_DASHBOARD_USER and STACKSWEEP_DASHBOARD_PASSWORD, or neither",
      });
    }
    return { type: "basic", username, password };
  }
  return null;
}

/** The bearer token /metrics requires, or null when it is open (like /healthz). */
export function metricsTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const token = env.STACKSWEEP_METRICS_TOKEN;
  if (token === undefined || token === "") return null;
  if (token.length < 16) {
    throw new ConfigError({
      file: "environment",
      key: "STACKSWEEP_METRICS_TOKEN",
      expected: "a token of at least 16 characters",
    });
  }
  return token;
}
