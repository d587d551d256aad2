// Findings per scan as stacked bars (critical, warning, info) on a labelled axis, and under them what each scan
// changed: new findings up, resolved ones down. Inline SVG with a legend: no script, no external resource.

import type { FC } from "hono/jsx";
import type { TrendPoint } from "../../store/stored-scan.ts";

const WIDTH = 420;
const LEFT = 34; // room for the y-axis labels
const TOP = 6;
const BARS = 110; // height of the findings bars
const GAP = 18; // the date labels between the two charts
const CHANGES = 46; // height of the new/resolved chart (half up, half down)
const HEIGHT = TOP + BARS + GAP + CHANGES + 4;
const COLORS = { critical: "var(--critical)", warning: "var(--warning)", info: "var(--info)" } as const;

/** A round step for about three gridlines up to `max`: 1, 2, 5, 10, 20, 50, ... */
function tickStep(max: number): number {
  const rough = max / 3;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough) ?? power * 10;
}

function day(iso: string): string {
  return iso.slice(5, 10);
}

export const TrendChart: FC<{ points: TrendPoint[]; label: string }> = ({ points, label }) => {
  if (points.length === 0) return <p class="muted">No scans recorded yet.</p>;
  const step = tickStep(Math.max(1, ...points.map((p) => p.findings)));
  const max = Math.ceil(Math.max(1, ...points.map((p) => p.findings)) / step) * step;
  // The history's first scan sees everything as new: scaled by the later scans, its bar is clipped at the top.
  const later = points.length > 1 ? points.slice(1) : points;
  const changeMax = Math.max(1, ...later.map((p) => Math.max(p.new, p.resolved)));
  const plot = WIDTH - LEFT;
  const slot = plot / points.length;
  const bar = Math.max(2, Math.min(28, slot * 0.7));
  const ticks: number[] = [];
  for (let value = 0; value <= max; value += step) ticks.push(value);
  const base = TOP + BARS;
  const middle = base + GAP + CHANGES / 2;
  // A date under the first, the middle and the last scan, never two on top of each other.
  const labelled = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])].filter(
    (index, i, all) => i === 0 || (index - (all[i - 1] ?? 0)) * slot > 44,
  );
  return (
    <figure class="trend">
      <svg class="chart" role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%">
        <title>{label}</title>
        {ticks.map((value) => {
          const y = base - (value / max) * BARS;
          return (
            <g class="tick">
              <line x1={LEFT} x2={WIDTH} y1={y} y2={y} stroke="var(--line)" stroke-width="0.5" />
              <text x={LEFT - 4} y={y + 4} text-anchor="end">
                {String(value)}
              </text>
            </g>
          );
        })}
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={base} stroke="var(--muted)" stroke-width="0.5" />
        <line x1={LEFT} x2={WIDTH} y1={middle} y2={middle} stroke="var(--muted)" stroke-width="0.5" />
        <text x={LEFT - 4} y={middle - CHANGES / 2 + 8} text-anchor="end">
          {`+${changeMax}`}
        </text>
        <text x={LEFT - 4} y={middle + CHANGES / 2} text-anchor="end">
          {`−${changeMax}`}
        </text>
        {points.map((p, i) => {
          let y = base;
          const x = LEFT + i * slot + (slot - bar) / 2;
          const up = (Math.min(p.new, changeMax) / changeMax) * (CHANGES / 2);
          const down = (Math.min(p.resolved, changeMax) / changeMax) * (CHANGES / 2);
          return (
            <g class="scan">
              <title>{`${p.startedAt}: ${p.findings} findings (${p.bySeverity.critical} critical, ${p.bySeverity.warning} warning, ${p.bySeverity.info} info), ${p.new} new, ${p.resolved} resolved${p.ok ? "" : " — scan failed"}`}</title>
              {(["info", "warning", "critical"] as const).map((severity) => {
                const h = (p.bySeverity[severity] / max) * BARS;
                y -= h;
                return h > 0 ? <rect x={x} y={y} width={bar} height={h} fill={COLORS[severity]} /> : null;
              })}
              {p.ok ? null : <rect class="failed-scan" x={x} y={base - 3} width={bar} height={3} fill="var(--muted)" />}
              {up > 0 ? <rect class="new" x={x} y={middle - up} width={bar} height={up} fill="var(--new)" /> : null}
              {down > 0 ? (
                <rect class="resolved" x={x} y={middle} width={bar} height={down} fill="var(--resolved)" />
              ) : null}
            </g>
          );
        })}
        {labelled.map((index) => (
          <text
            x={LEFT + index * slot + slot / 2}
            y={base + 13}
            text-anchor={index === 0 && points.length > 1 ? "start" : index === points.length - 1 ? "end" : "middle"}
          >
            {day(points[index]?.startedAt ?? "")}
          </text>
        ))}
      </svg>
      <figcaption class="legend">
        <span>
          <span class="swatch swatch-critical" /> critical
        </span>
        <span>
          <span class="swatch swatch-warning" /> warning
        </span>
        <span>
          <span class="swatch swatch-info" /> info
        </span>
        <span>
          <span class="swatch swatch-new" /> new
        </span>
        <span>
          <span class="swatch swatch-resolved" /> resolved
        </span>
        <span class="muted">findings per scan (dates MM-DD, UTC)</span>
      </figcaption>
    </figure>
  );
};
