// Microversion negotiation as nova, cinder and placement do it: the `OpenStack-API-Version: <service> X.Y`
// header (or nova's legacy `X-OpenStack-Nova-API-Version`), `latest` meaning the maximum, no header meaning
// the minimum, 400 for a malformed version and 406 for one out of range, and the chosen version echoed back.

export interface ApiVersion {
  major: number;
  minor: number;
}

export interface MicroversionRange {
  /** The service's name in the header: `compute`, `volume`, `placement`. */
  headerName: string;
  /** A legacy header that carries the bare version (nova: `X-OpenStack-Nova-API-Version`). */
  legacyHeader?: string;
  /** The service reads and echoes only its legacy header, never `OpenStack-API-Version` (Manila). */
  legacyOnly?: boolean;
  min: string;
  max: string;
  /** The 406 message when it differs from nova's (placement: "Unacceptable version header: 1.40"). */
  unacceptable?: (requested: string) => string;
}

export type Negotiation = { ok: true; version: ApiVersion } | { ok: false; status: 400 | 406; message: string };

export function parseVersion(text: string): ApiVersion | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function compareVersions(a: ApiVersion, b: ApiVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function formatVersion(version: ApiVersion): string {
  return `${version.major}.${version.minor}`;
}

/** True when the negotiated version is at least `wanted` ("2.3"). */
export function atLeast(version: ApiVersion | undefined, wanted: string): boolean {
  const target = parseVersion(wanted);
  return version !== undefined && target !== undefined && compareVersions(version, target) >= 0;
}

/** The requested version string for this service, from the headers, or undefined when none was asked for. */
function requestedVersion(headers: Headers, range: MicroversionRange): string | undefined {
  const header = range.legacyOnly === true ? null : headers.get("openstack-api-version");
  if (header !== null) {
    // The header may name several services: "compute 2.60, volume 3.44".
    for (const part of header.split(",")) {
      const [name, value] = part.trim().split(/\s+/, 2);
      if (name?.toLowerCase() === range.headerName && value !== undefined) return value;
    }
  }
  if (range.legacyHeader !== undefined) {
    const legacy = headers.get(range.legacyHeader);
    if (legacy !== null) return legacy.trim();
  }
  return undefined;
}

export function negotiate(headers: Headers, range: MicroversionRange): Negotiation {
  const min = parseVersion(range.min)!;
  const max = parseVersion(range.max)!;
  const requested = requestedVersion(headers, range);
  if (requested === undefined) return { ok: true, version: min };
  if (requested.toLowerCase() === "latest") return { ok: true, version: max };
  const version = parseVersion(requested);
  if (version === undefined) {
    // nova/exception.py InvalidAPIVersionString
    return {
      ok: false,
      status: 400,
      message: `API Version String ${requested} is of invalid format. Must be of format MajorNum.MinorNum.`,
    };
  }
  if (compareVersions(version, min) < 0 || compareVersions(version, max) > 0) {
    // nova/exception.py InvalidGlobalAPIVersion (cinder words it the same way)
    return {
      ok: false,
      status: 406,
      message:
        range.unacceptable?.(requested) ??
        `Version ${requested} is not supported by the API. Minimum is ${range.min} and maximum is ${range.max}.`,
    };
  }
  return { ok: true, version };
}
