import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture(level: string): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { lines, logger };
}

describe("createLogger", () => {
  it("writes one JSON line per call at or above its level, with the child's bindings, secrets censored", () => {
    const { lines, logger } = capture("info");
    const session = logger.child({ cloud: "prod" });
    session.debug({ url: "/servers" }, "not written");
    session.info({ request: { password: "Hidden-Pa55", headers: { "x-auth-token": "gAAAA" } } }, "authenticated");
    logger.warn("retrying");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 30,
      cloud: "prod",
      msg: "authenticated",
      request: { password: "***", headers: { "x-auth-token": "***" } },
    });
    expect(typeof lines[0]!.time).toBe("string");
    expect(lines[1]).toMatchObject({ level: 40, msg: "retrying" });
    expect(lines[1]).not.toHaveProperty("cloud");
  });

  it("answers which levels it writes without writing", () => {
    const { lines, logger } = capture("warn");
    expect(logger.isLevelEnabled("info")).toBe(false);
    expect(logger.child({ cloud: "prod" }).isLevelEnabled("warn")).toBe(true);
    logger.info("dropped");
    expect(lines).toEqual([]);
    expect(capture("silent").logger.isLevelEnabled("error")).toBe(false);
  });

  it("refuses a level pino does not know before anything is logged", () => {
    expect(() => createLogger({ level: "verbose" })).toThrow("unknown level verbose");
  });
});
