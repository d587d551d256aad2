// Version discovery and microversion negotiation: ask each service for its range once, then send the lower of
// what the caller wants and what the server offers, in the header the service reads.

import * as z from "zod";
import { MicroversionError } from "./errors.ts";
import type { ServiceType } from "../config/service-type.ts";

/** The service name inside `OpenStack-API-Version`; services without microversions are absent. */
export const MICROVERSION_SERVICE_NAME: Partial<Record<ServiceType, string>> = {
  compute: "compute",
  "block-storage": "volume",
  placement: "placement",
  "shared-file-system": "shared-file-system",
};

/** The major version whose microversion range we look for in a versions document. */
const MAJOR: Partial<Record<ServiceType, number>> = {
  compute: 2,
  "block-storage": 3,
  placement: 1,
  "shared-file-system": 2,
};

export interface VersionRange {
  min: string;
  max: string;
}

const versionEntry = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  version: z.string().nullish(),
  max_version: z.string().nullish(),
  min_version: z.string().nullish(),
});
const singleVersion = z.looseObject({ version: versionEntry });
const versionList = z.looseObject({
  versions: z.union([z.array(versionEntry), z.looseObject({ values: z.array(versionEntry) })]),
});

export function parseMicroversion(value: string): [number, number] | null {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  return match === null ? null : [Number(match[1]), Number(match[2])];
}

export function compareMicroversions(a: string, b: string): number {
  const [aMajor, aMinor] = parseMicroversion(a) ?? [0, 0];
  const [bMajor, bMinor] = parseMicroversion(b) ?? [0, 0];
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

/**
 * The microversion range in a version document: Nova's endpoint answers `{"version": {...}}`; Cinder's and
 * Placement's roots answer `{"versions": [...]}` (Placement names the maximum `max_version`). Null when the
 * document offers no microversions for our major version.
 */
export function rangeFromVersionDocument(service: ServiceType, body: unknown): VersionRange | null {
  const single = singleVersion.safeParse(body);
  const several = versionList.safeParse(body);
  let entry: z.infer<typeof versionEntry> | undefined;
  if (single.success) {
    entry = single.data.version;
  } else if (several.success) {
    const versions = several.data.versions;
    const list = Array.isArray(versions) ? versions : versions.values;
    const major = MAJOR[service];
    const candidates = list.filter((v) => major === undefined || new RegExp(`^v${major}(\\.|$)`).test(v.id));
    entry = candidates.find((v) => v.status?.toUpperCase() === "CURRENT") ?? candidates.at(-1);
  } else {
    return null;
  }
  if (entry === undefined) return null;
  const max = entry.version || entry.max_version;
  if (!max || parseMicroversion(max) === null) return null;
  return { min: entry.min_version && parseMicroversion(entry.min_version) ? entry.min_version : max, max };
}

/**
 * The microversion to send: the lowest of what the caller wants, the operator's `<service>_api_version` cap and
 * the server's maximum. Fails clearly when even that is below the server's minimum.
 */
export function negotiateMicroversion(
  service: ServiceType,
  wanted: string,
  range: VersionRange | null,
  configuredCap: string | undefined,
): string | null {
  if (MICROVERSION_SERVICE_NAME[service] === undefined) return null;
  if (parseMicroversion(wanted) === null) {
    throw new MicroversionError(`${service}: "${wanted}" is not a microversion`, {
      service,
      requested: wanted,
      serverMin: range?.min ?? null,
      serverMax: range?.max ?? null,
    });
  }
  let chosen = wanted;
  if (
    configuredCap !== undefined &&
    parseMicroversion(configuredCap) !== null &&
    compareMicroversions(configuredCap, chosen) < 0
  ) {
    chosen = configuredCap;
  }
  if (range === null) return null; // the server has no microversions: it serves its base version
  if (compareMicroversions(range.max, chosen) < 0) chosen = range.max;
  if (compareMicroversions(chosen, range.min) < 0) {
    throw new MicroversionError(
      `${service} supports microversions ${range.min} to ${range.max}, but ${chosen} was asked for`,
      { service, requested: chosen, serverMin: range.min, serverMax: range.max },
    );
  }
  return chosen;
}

export function microversionHeaders(service: ServiceType, version: string): Record<string, string> {
  const name = MICROVERSION_SERVICE_NAME[service];
  if (name === undefined) return {};
  const headers: Record<string, string> = { "OpenStack-API-Version": `${name} ${version}` };
  // Nova before 2.27 reads only its legacy header; newer Nova reads both.
  if (service === "compute") headers["X-OpenStack-Nova-API-Version"] = version;
  // Manila reads only its own header (manila/api/openstack/wsgi.py API_VERSION_REQUEST_HEADER).
  if (service === "shared-file-system") return { "X-OpenStack-Manila-API-Version": version };
  return headers;
}

const VERSION_SEGMENT = /^v\d+(\.\d+)?$/u;

/**
 * URLs to try for a version document, in keystoneauth's order, so that a healthy cloud answers the first one.
 * A trailing project id is never requested: real Cinder answers `GET /v3/<project_id>` with 404. It is the
 * token's project, or whatever follows a version segment (an endpoint templated for another project).
 * Then the versioned endpoint (Nova answers `/v2.1` with its own range; Cinder answers `/v3/` with its list,
 * and `/v3` only with a 302 to it, hence the slash on a URL we built), then the unversioned root (Cinder's and
 * Keystone's 300 Multiple Choices; Placement's endpoint is its root).
 */
export function discoveryUrls(endpoint: string, projectId: string | null): string[] {
  const url = new URL(endpoint);
  const segments = url.pathname.replace(/\/+$/u, "").split("/");
  const last = segments.at(-1) ?? "";
  const beforeLast = segments.at(-2) ?? "";
  const trailingProject =
    (projectId !== null && last === projectId) || (VERSION_SEGMENT.test(beforeLast) && !VERSION_SEGMENT.test(last));
  if (trailingProject) segments.pop();
  const at = (path: string): string => {
    const copy = new URL(url);
    copy.pathname = path;
    return copy.toString();
  };
  const urls: string[] = [];
  if (VERSION_SEGMENT.test(segments.at(-1) ?? "")) {
    urls.push(trailingProject ? at(`${segments.join("/")}/`) : endpoint);
    segments.pop();
    urls.push(at(`${segments.join("/")}/`));
  } else {
    urls.push(trailingProject ? at(`${segments.join("/")}/`) : endpoint);
  }
  return [...new Set(urls)];
}
