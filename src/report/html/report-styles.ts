// The stylesheet of the HTML report, inlined so the file needs no network. Static: nothing from a scan goes in.

export const REPORT_STYLES = `
:root { color-scheme: light dark; --critical: #c62828; --warning: #ef6c00; --info: #1565c0; --muted: #6b7280;
  --line: #d1d5db; --bg-alt: rgba(127,127,127,.08); font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
body { margin: 0 auto; max-width: 1400px; padding: 1.5rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta, .muted { color: var(--muted); }
.counts { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.count { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem 1rem; min-width: 7rem; }
.count strong { display: block; font-size: 1.6rem; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .03em; }
.sev-critical { color: var(--critical); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
.alert { border-left: 4px solid var(--warning); background: var(--bg-alt); padding: .5rem 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
tbody tr:nth-child(even) { background: var(--bg-alt); }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; } th[aria-sort="descending"] button::after { content: " \\2193"; }
td.num, th.num { text-align: right; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .85em; }
pre { white-space: pre-wrap; word-break: break-all; margin: .25rem 0; }
.name { font-weight: 600; word-break: break-all; } .id { color: var(--muted); font-size: .8em; word-break: break-all; }
.deleted { color: var(--critical); font-size: .8em; }
.destructive { color: var(--critical); font-size: .75rem; font-weight: 600; }
.filters { display: flex; gap: .75rem; flex-wrap: wrap; align-items: end; margin: 1rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
.filters input, .filters select { font: inherit; padding: .25rem; }
.chart text { font-size: 12px; fill: currentColor; }
.legend { display: flex; gap: 1rem; font-size: .8rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: middle; }
.swatch-critical { background: var(--critical); } .swatch-warning { background: var(--warning); } .swatch-info { background: var(--info); }
details summary { cursor: pointer; color: var(--muted); }
.headline { font-size: 1.1rem; } code.command { overflow-wrap: anywhere; }
`;
