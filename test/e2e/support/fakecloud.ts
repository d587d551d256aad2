// Starts fakecloud (packages/fakecloud/src/server.ts) for a suite and gives back what the suites use of it: its URLs, its
// clouds.yaml entry, and admin REST sessions. Loaded at run time, so this tier type-checks while fakecloud is
// being built, and a missing or changed `startFakeCloud` fails the suite with one clear line.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { RestSession } from "./rest-session.ts";

/** The part of the fakecloud contract the e2e suites use. */
export interface RunningFakeCloud {
  url: string;
  authUrl: string;
  cloudsYamlEntry(): Record<string, unknown>;
  close(): Promise<void>;
}

type StartFakeCloud = (options?: { host?: string; port?: number }) => Promise<RunningFakeCloud>;

export async function startFakeCloud(): Promise<RunningFakeCloud> {
  const modulePath = new URL("../../../packages/fakecloud/src/server.ts", import.meta.url).href;
  let loaded: unknown;
  try {
    loaded = await import(modulePath);
  } catch (error) {
    throw new Error(`fakecloud could not be loaded from packages/fakecloud/src/server.ts: ${String(error)}`, {
      cause: error,
    });
  }
  const start = (loaded as { startFakeCloud?: unknown }).startFakeCloud;
  if (typeof start !== "function") throw new Error("packages/fakecloud/src/server.ts does not export startFakeCloud()");
  return (start as StartFakeCloud)({ host: "127.0.0.1", port: 0 });
}

/** Writes a clouds.yaml with the cloud `fakecloud` to a new temporary folder and returns its path. */
export function writeFakeCloudsYaml(cloud: RunningFakeCloud): string {
  const folder = mkdtempSync(join(tmpdir(), "stacksweep-e2e-"));
  const file = join(folder, "clouds.yaml");
  writeFileSync(file, stringify({ clouds: { fakecloud: cloud.cloudsYamlEntry() } }), { mode: 0o600 });
  return file;
}

/** An admin session from the clouds.yaml entry fakecloud hands out (the same credentials a user would use). */
export function fakeCloudAdmin(cloud: RunningFakeCloud): Promise<RestSession> {
  const entry = cloud.cloudsYamlEntry() as { auth?: Record<string, unknown>; region_name?: unknown };
  const auth = entry.auth ?? {};
  const text = (key: string, fallback: string): string => {
    const value = auth[key];
    return typeof value === "string" ? value : fallback;
  };
  return RestSession.login("fakecloud", {
    authUrl: cloud.authUrl,
    username: text("username", "admin"),
    password: text("password", ""),
    projectName: text("project_name", "admin"),
    userDomainName: text("user_domain_name", "Default"),
    projectDomainName: text("project_domain_name", "Default"),
    region: typeof entry.region_name === "string" ? entry.region_name : "RegionOne",
  });
}
