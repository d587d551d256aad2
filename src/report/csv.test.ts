import { describe, expect, it } from "vitest";
import { renderCsv } from "./csv.ts";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "./scan-result-fixture.ts";

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records; throws on anything malformed. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text.charAt(i);
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r") {
        if (text[i] === '"' || text[i] === "\n")
          throw new Error(`unexpected ${JSON.stringify(text[i])} in unquoted field at ${i}`);
        field += text.charAt(i);
        i += 1;
      }
    }
    if (text[i] === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (text.startsWith("\r\n", i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}`);
    }
  }
  return records;
}

describe("renderCsv", () => {
  it("writes a header and one row per finding, every row as wide as the header", () => {
    const result = buildScanResult();
    const [header, ...rows] = parseCsv(renderCsv(result));
    expect(header).toEqual(
      expect.arrayContaining(["id", "check", "severity", "resource_name", "project_id", "evidence"]),
    );
    expect(rows).toHaveLength(result.findings.length);
    for (const row of rows) expect(row).toHaveLength(header!.length);
    const column = (name: string): number => header!.indexOf(name);
    const orphan = rows.find((row) => row[column("resource_name")] === "ci-runner-17")!;
    expect(orphan[column("project_exists")]).toBe("false");
    expect(orphan[column("remediation")]).toBe("server.delete (destructive)");
    expect(JSON.parse(orphan[column("evidence")]!)).toEqual({
      tenant_id: "0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b",
      status: "ACTIVE",
    });
  });

  it("quotes commas and quotes per RFC 4180", () => {
    const finding = buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "v1",
      name: 'data, "primary"',
    });
    const [, row] = parseCsv(renderCsv(buildScanResult([finding])));
    expect(row).toContain('data, "primary"');
  });

  it.each(["=1+1", "+SUM(A1)", "-2+3", "@HYPERLINK(x)"])("defuses the formula %s with a leading apostrophe", (name) => {
    const finding = buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name });
    const [, row] = parseCsv(renderCsv(buildScanResult([finding])));
    expect(row).toContain(`'${name}`);
  });

  it("renders a hostile name harmless: no formula, one line per record, no terminal escape", () => {
    const finding = buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name: HOSTILE_NAME });
    const text = renderCsv(buildScanResult([finding]));
    expect(text).not.toContain("\u001b");
    expect(text.split("\r\n")).toHaveLength(3); // header, the finding, and the empty string after the last CRLF
    const [header, row] = parseCsv(text);
    const name = row![header!.indexOf("resource_name")]!;
    expect(name.startsWith("'=")).toBe(true);
    expect(name).toContain("<script>alert(1)</script>\\x1b[31mred");
  });
});
