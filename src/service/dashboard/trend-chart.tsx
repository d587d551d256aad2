// Findings per scan as stacked bars (critical, warning, info), in inline SVG: no script, no external resource.

import type { FC } from "hono/jsx";
import type { TrendPoint } from "../../store/stored-scan.ts";

const WIDTH = 360;
const HEIGHT = 110;
const COLORS = { critical: "var(--critical)", warning: "var(--warning)", info: "var(--info)" } as const;

export const TrendChart: FC<{ points: TrendPoint[]; label: string }> = ({ points, label }) => {
  if (points.length === 0) return <p class="muted">No scans recorded yet.</p>;
  const max = Math.max(1, ...points.map((p) => p.findings));
  const slot = WIDTH / points.length;
  const bar = Math.max(2, slot * 0.7);
  return (
    <svg class="chart" role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`} width="100%">
      <title>{label}</title>
      {points.map((p, i) => {
        let y = HEIGHT;
        const x = i * slot + (slot - bar) / 2;
        return (
          <g>
            <title>{`${p.startedAt}: ${p.findings} findings, ${p.new} new, ${p.resolved} resolved${p.ok ? "" : " (scan failed)"}`}</title>
            {(["info", "warning", "critical"] as const).map((severity) => {
              const h = (p.bySeverity[severity] / max) * HEIGHT;
              y -= h;
              return h > 0 ? <rect x={x} y={y} width={bar} height={h} fill={COLORS[severity]} /> : null;
            })}
            {p.ok ? null : <rect x={x} y={HEIGHT - 3} width={bar} height={3} fill="var(--muted)" />}
          </g>
        );
      })}
      <text x="0" y={HEIGHT + 14}>
        {points[0]?.startedAt.slice(0, 10)}
      </text>
      <text x={WIDTH} y={HEIGHT + 14} text-anchor="end">
        {`${points.at(-1)?.startedAt.slice(0, 10) ?? ""} · max ${max}`}
      </text>
    </svg>
  );
};
