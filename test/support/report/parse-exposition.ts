// A strict reader of the Prometheus text format for tests of every exporter (the textfile report, /metrics).

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the text exposition format 0.0.4 as node exporter's textfile collector applies it: HELP and
 * TYPE before a metric's samples, each metric in one block, valid names, escaped label values, unique series,
 * no timestamps.
 */
export function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const series = new Set<string>();
  const finished = new Set<string>();
  let current: string | null = null;
  if (!text.endsWith("\n")) throw new Error("no final line feed");
  for (const line of text.slice(0, -1).split("\n")) {
    // The format ignores empty lines (prom-client puts one between metrics).
    if (line === "") continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/u.exec(line);
    if (comment !== null) {
      const [, kind, name] = comment as unknown as [string, string, string, string];
      if (name !== current) {
        if (current !== null) finished.add(current);
        if (finished.has(name)) throw new Error(`${name}: metric split into two blocks`);
        current = name;
      }
      if (kind === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(comment[3]!))
          throw new Error(`bad type: ${line}`);
        if (samples.some((sample) => sample.name === name)) throw new Error(`${name}: TYPE after samples`);
        types.set(name, comment[3]!);
      }
      continue;
    }
    const sample =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (\S+)$/u.exec(line);
    if (sample === null) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const [, name, labelText = "", valueText] = sample as unknown as [string, string, string | undefined, string];
    if (name !== current) throw new Error(`${name}: sample outside its block`);
    if (!types.has(name)) throw new Error(`${name}: sample before TYPE`);
    const value = Number(valueText);
    if (Number.isNaN(value) && valueText !== "NaN") throw new Error(`bad value: ${line}`);
    const labels: Record<string, string> = {};
    for (const match of labelText.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/gu)) {
      labels[match[1]!] = match[2]!.replace(/\\(.)/gu, (_, char: string) => (char === "n" ? "\n" : char));
    }
    const key = `${name}${JSON.stringify(labels)}`;
    if (series.has(key)) throw new Error(`duplicate series ${key}`);
    series.add(key);
    samples.push({ name, labels, value });
  }
  return { types, samples };
}
