// The published JSON Schema of the JSON and YAML reports (docs/report-schema.json), generated from the zod schema
// that also reads saved scans back; a test keeps the committed file equal to it (`vitest -u` regenerates it).

import * as z from "zod";
import { scanResultSchema } from "./scan-result-schema.ts";

export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scanResultSchema, { target: "draft-2020-12", io: "output" });
}
