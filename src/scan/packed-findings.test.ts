import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../report/scan-result-fixture.ts";
import { packFindings, unpackFindings } from "./packed-findings.ts";

describe("packed findings", () => {
  it("unpack to the findings they were, with every value and key order evidence can hold", () => {
    const findings = fixtureFindings();
    findings[0]!.evidence = { z: undefined, a: Number.NaN, when: new Date(0), nested: { b: [1, null], a: "\u202e" } };
    const unpacked = unpackFindings(packFindings(findings));
    expect(unpacked).toStrictEqual(findings);
    expect(Object.keys(unpacked[0]!.evidence)).toEqual(["z", "a", "when", "nested"]);
  });

  it("take a fraction of the findings' text", () => {
    const findings = Array.from({ length: 2000 }, (_, n) => ({ ...fixtureFindings()[n % 4]!, id: `finding-${n}` }));
    expect(packFindings(findings).packed.length).toBeLessThan(JSON.stringify(findings).length / 5);
  });
});
