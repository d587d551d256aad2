// A judged region's findings, kept compressed while the regions after it are listed: ten regions' 26,000 findings
// are ≈ 25 MB of objects, and each region listed after them had to fit beside them; packed they are a tenth of that.

import { deserialize, serialize } from "node:v8";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Finding } from "../findings/finding.ts";

/** Findings as one compressed buffer. The structured clone keeps every value as it was (`undefined`, dates, NaN). */
export interface PackedFindings {
  readonly packed: Buffer;
}

export function packFindings(findings: readonly Finding[]): PackedFindings {
  // The fastest level: the findings repeat their keys, checks and calls, and compress well at any level.
  return { packed: deflateRawSync(serialize(findings), { level: 1 }) };
}

export function unpackFindings({ packed }: PackedFindings): Finding[] {
  return deserialize(inflateRawSync(packed)) as Finding[];
}
