// The frame of every dashboard page: title, navigation and the stylesheet (inline, allowed by the CSP nonce). The title
// carries a tenant's resource name: its control and zero-width characters are shown as escapes, as everywhere.
// No script at all: filters are plain GET forms, so the dashboard works without JavaScript.

import type { Child, FC } from "hono/jsx";
import { REPORT_STYLES } from "../../report/html/report-styles.ts";
import { visibleText } from "../../report/visible-text.ts";

const DASHBOARD_STYLES = `
nav { display: flex; gap: 1.25rem; align-items: baseline; border-bottom: 1px solid var(--line); padding-bottom: .5rem; }
nav a { text-decoration: none; } nav a[aria-current="page"] { font-weight: 700; }
nav .brand { font-weight: 700; margin-right: 1rem; }
.regions { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
.region { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
.region h3 { margin: 0 0 .25rem; font-size: 1rem; }
.failed { color: var(--critical); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-all; }
.pager { display: flex; gap: 1rem; margin: 1rem 0; }
:root { --new: #7c3aed; --resolved: #2e7d32; }
.swatch-new { background: var(--new); } .swatch-resolved { background: var(--resolved); }
figure.trend { margin: .5rem 0 0; } figure.trend .legend { flex-wrap: wrap; margin-top: .25rem; }
.chart .tick text { font-size: 10px; fill: var(--muted); }
time[title] { text-decoration: underline dotted; cursor: help; }
a.horizon { font-size: .8rem; }
`;

export type Section = "overview" | "findings" | "scans";

export const Layout: FC<{ title: string; section: Section; nonce: string; children?: Child }> = ({
  title,
  section,
  nonce,
  children,
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${visibleText(title)} · stacksweep`}</title>
      <style nonce={nonce}>{REPORT_STYLES + DASHBOARD_STYLES}</style>
    </head>
    <body>
      <nav>
        <span class="brand">stacksweep</span>
        <a href="/" aria-current={section === "overview" ? "page" : undefined}>
          Overview
        </a>
        <a href="/findings" aria-current={section === "findings" ? "page" : undefined}>
          Findings
        </a>
        <a href="/scans" aria-current={section === "scans" ? "page" : undefined}>
          Scans
        </a>
      </nav>
      <main>
        <h1>{visibleText(title)}</h1>
        {children}
      </main>
    </body>
  </html>
);
