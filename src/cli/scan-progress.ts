// Renders collect()'s progress events on stderr: one live status line on a terminal, plain lines otherwise (cron,
// CI), so that stdout carries only the report.
import type { CollectProgress } from "../inventory/collect-progress.ts";
import { coversRegion } from "../inventory/inventory.ts";
import { visibleText } from "../report/visible-text.ts";

export interface ProgressPrinter {
  onProgress(event: CollectProgress): void;
  /** Clears the live line before the report is printed. */
  done(): void;
}

export function progressPrinter(stream: NodeJS.WriteStream, clock: () => number = Date.now): ProgressPrinter {
  return stream.isTTY ? liveProgress(stream, clock) : lineProgress(stream);
}

function lineProgress(stream: NodeJS.WriteStream): ProgressPrinter {
  return {
    onProgress(event) {
      const where = `${visibleText(event.cloud)}/${visibleText(event.region)}`;
      if (event.kind === "listing-finished") {
        const { coverage } = event;
        const what =
          coverage.status === "complete"
            ? `${coverage.count} records in ${coverage.requests} requests${coverage.via === undefined ? "" : ` via ${visibleText(coverage.via)}`}`
            : `${coverage.status}: ${visibleText(coverage.reason)}`;
        stream.write(`stacksweep: ${where} ${event.type}: ${what}\n`);
      } else if (event.kind === "confirming") {
        stream.write(`stacksweep: ${where} confirming ${event.lookups} references that look missing\n`);
      }
    },
    done() {},
  };
}

function liveProgress(stream: NodeJS.WriteStream, clock: () => number): ProgressPrinter {
  const regions = new Map<string, { started: number; finished: number; incomplete: number; records: number }>();
  const pageRecords = new Map<string, number>();
  let lastDraw = 0;
  const draw = (force: boolean): void => {
    const time = clock();
    // A page can arrive every millisecond; a terminal needs a redraw only a few times a second.
    if (!force && time - lastDraw < 100) return;
    lastDraw = time;
    const parts = [...regions].map(
      ([where, s]) =>
        `${where} ${s.finished}/${s.started} types, ${s.records} records${s.incomplete > 0 ? `, ${s.incomplete} incomplete` : ""}`,
    );
    const line = `scanning ${parts.join(" | ")}`;
    const width = stream.columns > 0 ? stream.columns - 1 : 120;
    stream.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  };
  return {
    onProgress(event) {
      const where = `${visibleText(event.cloud)}/${visibleText(event.region)}`;
      let state = regions.get(where);
      if (state === undefined) regions.set(where, (state = { started: 0, finished: 0, incomplete: 0, records: 0 }));
      if (event.kind === "listing-started") state.started += 1;
      if (event.kind === "page") {
        const key = `${where} ${event.type}`;
        state.records += event.records - (pageRecords.get(key) ?? 0);
        pageRecords.set(key, event.records);
      }
      if (event.kind === "listing-finished") {
        state.finished += 1;
        if (!coversRegion(event.coverage)) state.incomplete += 1;
      }
      draw(event.kind === "listing-finished");
    },
    done() {
      if (regions.size > 0) stream.write("\r\x1b[K");
    },
  };
}
