// The `libvirt` entry of a `deep:` target in stacksweep.yaml: how each hypervisor's libvirt is reached, read-only.
// `uri` is a libvirt connection URI with `{host}` for the compute host Nova names (`qemu+ssh://{host}/system`,
// `qemu+tls://{host}/system`; `test:///path/{host}.xml` with libvirt's test driver), so production and the tests take
// the same code path.
import * as z from "zod";

export const libvirtSettingsSchema = z.strictObject({
  uri: z
    .string()
    .regex(/\{host\}/, "expected a libvirt URI with {host} for each hypervisor's host (qemu+ssh://{host}/system)"),
  /** The virsh command (Debian's libvirt-clients). */
  virsh: z.string().min(1).default("virsh"),
  /** Hosts asked at once. */
  concurrency: z.number().int().min(1).max(64).default(8),
  /** The deadline of one virsh call, in seconds: a host slower than this did not answer. */
  timeoutSeconds: z.number().positive().max(300).default(30),
});

export type LibvirtSettings = z.infer<typeof libvirtSettingsSchema>;
