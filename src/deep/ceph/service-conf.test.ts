import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePools } from "./service-conf.ts";
import { cephSettingsSchema } from "./settings.ts";
import { testDirectory } from "../../../test/support/test-directory.ts";

/** The devcloud's configs once test/e2e/ceph/join-devcloud.sh put Cinder and Glance on Ceph (abridged). */
const CINDER = `[DEFAULT]
enabled_backends = fake,rbd
[fake]
volume_driver = cinder.tests.fake_driver.FakeLoggingVolumeDriver
volume_backend_name = fake
[rbd]
volume_driver = cinder.volume.drivers.rbd.RBDDriver
volume_backend_name = rbd
rbd_pool = volumes
`;
const GLANCE = `[DEFAULT]
enabled_backends = file:file, rbd:rbd, other:rbd
[glance_store]
default_backend = file
[rbd]
rbd_store_pool = images
[other]
rbd_store_pool = elsewhere
`;

function write(name: string, text: string): string {
  const file = join(testDirectory("service-conf"), name);
  writeFileSync(file, text);
  return file;
}

describe("resolvePools", () => {
  it("reads the volumes pool and its RBD backends from cinder.conf, the images pool and its stores from glance", async () => {
    const settings = cephSettingsSchema.parse({
      cinderConf: write("cinder.conf", CINDER),
      glanceApiConf: write("glance-api.conf", GLANCE),
    });
    expect(await resolvePools(settings)).toEqual({
      pools: { volumes: "volumes", images: "images" },
      volumeBackends: ["rbd"],
      imageStores: ["rbd"],
    });
  });

  it("keeps what stacksweep.yaml says over the services' files", async () => {
    const settings = cephSettingsSchema.parse({
      pools: { images: "elsewhere" },
      imageStores: ["ceph"],
      volumeBackends: ["ceph"],
      cinderConf: write("cinder.conf", CINDER),
      glanceApiConf: write("glance-api.conf", GLANCE),
    });
    expect(await resolvePools(settings)).toEqual({
      pools: { volumes: "volumes", images: "elsewhere" },
      volumeBackends: ["ceph"],
      imageStores: ["ceph"],
    });
  });

  it("names the file it cannot read", async () => {
    const settings = cephSettingsSchema.parse({ glanceApiConf: "/nonexistent/glance-api.conf" });
    await expect(resolvePools(settings)).rejects.toThrow(
      "/nonexistent/glance-api.conf: cannot be read (ENOENT); it was given as a service config of the ceph source",
    );
  });
});
