// The `deep:` section of stacksweep.yaml: which sources below the API to read, per cloud and region, and how to
// reach them. Each source's own keys live in its folder; this file only composes them.
import * as z from "zod";
import { amphoraAgentSettingsSchema } from "./amphora-agent/settings.ts";
import { cephSettingsSchema } from "./ceph/settings.ts";
import { databaseSettingsSchema } from "./database/settings.ts";
import { libvirtSettingsSchema } from "./libvirt/settings.ts";

export const deepTargetSchema = z.strictObject({
  /** The cloud of clouds.yaml these sources belong to. */
  cloud: z.string().min(1),
  /** The regions they serve; none = every region of that cloud. */
  regions: z.array(z.string().min(1)).min(1).optional(),
  database: databaseSettingsSchema.optional(),
  ceph: cephSettingsSchema.optional(),
  "amphora-agent": amphoraAgentSettingsSchema.optional(),
  libvirt: libvirtSettingsSchema.optional(),
});

export type DeepTarget = z.infer<typeof deepTargetSchema>;

export const deepSettingsSchema = z.array(deepTargetSchema).default([]);

/** The settings of the sources configured for one cloud region (the first matching entry wins). */
export function deepTargetFor(targets: readonly DeepTarget[], cloud: string, region: string): DeepTarget | undefined {
  return targets.find((target) => target.cloud === cloud && (target.regions?.includes(region) ?? true));
}
