import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { reportJsonSchema } from "./report-json-schema.ts";

describe("docs/report-schema.json", () => {
  it("is the schema the JSON report is validated with (run `npx vitest run src/report -u` after changing it)", async () => {
    // Formatted as `npm run lint` (prettier --check) wants the committed file.
    const path = fileURLToPath(new URL("../../docs/report-schema.json", import.meta.url));
    const options = await resolveConfig(path);
    const text = await format(JSON.stringify(reportJsonSchema(), null, 2), { ...options, filepath: path });
    await expect(text).toMatchFileSnapshot(path);
  });

  it("documents every top-level key of a report and requires them", () => {
    const schema = reportJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    for (const key of ["schemaVersion", "clouds", "coverage", "inconclusive", "findings", "requests", "durationMs"]) {
      expect(schema.required).toContain(key);
      expect(schema.properties).toHaveProperty(key);
    }
  });
});
