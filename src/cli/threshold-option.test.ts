import { describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { thresholdOverrides } from "./threshold-option.ts";

describe("scan --threshold", () => {
  it("reads each override as the default's kind, the last of one key winning", () => {
    expect(
      thresholdOverrides(
        [
          "volume-stuck.maxAgeSeconds=600",
          "volume-stuck.maxAgeSeconds=7200",
          "security-group-rule-open.sensitivePorts=22, 8080",
          "amphora-outdated.amphoraImageTag=octavia-amp",
        ],
        CHECKS,
      ),
    ).toEqual({
      "volume-stuck": { maxAgeSeconds: 7200 },
      "security-group-rule-open": { sensitivePorts: ["22", "8080"] },
      "amphora-outdated": { amphoraImageTag: "octavia-amp" },
    });
  });

  it("names the option, the key and what was expected for a wrong shape, check, key or value", () => {
    const error = (text: string): string => {
      try {
        thresholdOverrides([text], CHECKS);
      } catch (caught) {
        return (caught as Error).message;
      }
      return "no error";
    };
    expect(error("volume-stuck")).toBe(
      "--threshold: volume-stuck: CHECK.KEY=VALUE, e.g. volume-stuck.maxAgeSeconds=7200 (stacksweep checks lists them)",
    );
    expect(error("volume-stuk.maxAgeSeconds=1")).toMatch(/^--threshold: volume-stuk: a check id \(one of /);
    expect(error("volume-stuck.maxAge=1")).toBe(
      "--threshold: volume-stuck.maxAge: a threshold of volume-stuck (one of maxAgeSeconds, deletingMaxAgeSeconds)",
    );
    expect(error("volume-stuck.maxAgeSeconds=1h")).toBe("--threshold: volume-stuck.maxAgeSeconds: a number, 0 or more");
    expect(error("volume-stuck.maxAgeSeconds=-5")).toBe("--threshold: volume-stuck.maxAgeSeconds: a number, 0 or more");
    expect(error("server-error.maxAgeSeconds=5")).toBe(
      "--threshold: server-error.maxAgeSeconds: nothing: server-error has no thresholds",
    );
  });
});
