// The HTML report: one self-contained file (inline CSS and JS, no network) built from auto-escaping hono/jsx components.

import type { ScanResult } from "../../findings/scan-result.ts";
import { ReportPage } from "./report-page.tsx";

export function renderHtml(result: ScanResult): string {
  const page = <ReportPage result={result} />;
  // The components are synchronous; an async one would need `await` all the way up to the CLI.
  if (page instanceof Promise) throw new Error("the HTML report components must render synchronously");
  return `<!doctype html>\n${page}\n`;
}
