// Where version discovery looks: the URLs real services answer, never the project-scoped one Cinder 404s.
import { describe, expect, it } from "vitest";
import { discoveryUrls, rangeFromVersionDocument } from "./microversion.ts";

const PROJECT = "c5a7b08c14d144b69b234ff8f016485b";

describe("discoveryUrls", () => {
  it("strips Cinder's project id and asks /v3/ then the root, as keystoneauth does", () => {
    expect(discoveryUrls(`http://cloud:8776/v3/${PROJECT}`, PROJECT)).toEqual([
      "http://cloud:8776/v3/",
      "http://cloud:8776/",
    ]);
    expect(discoveryUrls(`https://cloud/volume/v3/${PROJECT}/`, PROJECT)).toEqual([
      "https://cloud/volume/v3/",
      "https://cloud/volume/",
    ]);
  });

  it("never requests a project id after a version segment, even another project's", () => {
    const urls = discoveryUrls("https://cloud/volume/v3/0123456789abcdef0123456789abcdef", PROJECT);
    expect(urls.some((url) => url.includes("0123456789abcdef"))).toBe(false);
    expect(urls[0]).toBe("https://cloud/volume/v3/");
  });

  it("asks Nova's versioned endpoint as the catalog names it, then its root", () => {
    expect(discoveryUrls("https://cloud/compute/v2.1", PROJECT)).toEqual([
      "https://cloud/compute/v2.1",
      "https://cloud/compute/",
    ]);
  });

  it("asks an unversioned endpoint (Placement) itself, once", () => {
    expect(discoveryUrls("http://cloud:8778", PROJECT)).toEqual(["http://cloud:8778"]);
    expect(discoveryUrls("https://cloud/placement", PROJECT)).toEqual(["https://cloud/placement"]);
  });
});

describe("rangeFromVersionDocument", () => {
  it("reads Cinder's /v3/ answer (a list whose current v3 names the maximum)", () => {
    const body = { versions: [{ id: "v3.0", status: "CURRENT", version: "3.70", min_version: "3.0" }] };
    expect(rangeFromVersionDocument("block-storage", body)).toEqual({ min: "3.0", max: "3.70" });
  });
});
