// A bar per check, stacked by severity, as inline SVG: readable without JavaScript and with no external assets.

import type { FC } from "hono/jsx";
import type { ScanSummary } from "../summarize-scan.ts";
import { SEVERITIES_WORST_FIRST } from "../summarize-scan.ts";
import { visibleText } from "../visible-text.ts";

const FILL = { critical: "#c62828", warning: "#ef6c00", info: "#1565c0" } as const;
const LABEL_WIDTH = 260;
const BAR_WIDTH = 420;
const ROW_HEIGHT = 24;

export const SummaryChart: FC<{ checks: ScanSummary["checks"] }> = ({ checks }) => {
  const max = Math.max(1, ...checks.map((group) => group.findings.length));
  const height = checks.length * ROW_HEIGHT + 4;
  return (
    <figure>
      <svg
        class="chart"
        role="img"
        aria-label="Findings per check and severity"
        width={LABEL_WIDTH + BAR_WIDTH + 50}
        height={height}
        viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 50} ${height}`}
      >
        {checks.map((group, row) => {
          const y = row * ROW_HEIGHT + 2;
          let x = LABEL_WIDTH;
          return (
            <g>
              <text x={LABEL_WIDTH - 8} y={y + 15} text-anchor="end">
                {visibleText(group.check)}
              </text>
              {SEVERITIES_WORST_FIRST.filter((severity) => group.counts[severity] > 0).map((severity) => {
                const width = (group.counts[severity] / max) * BAR_WIDTH;
                const bar = (
                  <rect x={x} y={y} width={width.toFixed(1)} height={ROW_HEIGHT - 6} fill={FILL[severity]}>
                    <title>{`${visibleText(group.check)}: ${group.counts[severity]} ${severity}`}</title>
                  </rect>
                );
                x += width;
                return bar;
              })}
              <text x={x + 6} y={y + 15}>
                {String(group.findings.length)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {SEVERITIES_WORST_FIRST.map((severity) => (
          <span>
            <span class={`swatch swatch-${severity}`}></span> {severity}
          </span>
        ))}
      </figcaption>
    </figure>
  );
};
