// The scenario format: a declarative cloud (projects, users, resources by resource type id), in YAML or JSON.
// Resources are partial records in the API's own field names; each service's seeder fills the rest.

import * as z from "zod";
import { RESOURCE_TYPE_IDS } from "@stacksweep/names";

// Checked without copying: a generated scenario of 100k records must not be cloned field by field.
const partialRecordSchema = z.custom<Record<string, unknown>>(
  (value) => value !== null && typeof value === "object" && !Array.isArray(value),
  { message: "expected an object of fields" },
);

const resourcesSchema = z.partialRecord(z.enum(RESOURCE_TYPE_IDS), z.array(partialRecordSchema));

const roleGrantSchema = z.object({ project: z.string().min(1), role: z.string().min(1) }).strict();

export const scenarioSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    /** The admin user's password; random when absent (the clouds.yaml entry always carries the real one). */
    admin: z
      .object({ password: z.string().min(1).optional() })
      .strict()
      .optional(),
    identity: z
      .object({
        /** Keystone's `list_limit`: longer project lists are cut and marked `"truncated": true`. */
        listLimit: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    domains: z
      .array(
        z
          .object({
            id: z.string().min(1).optional(),
            name: z.string().min(1),
            description: z.string().optional(),
            enabled: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    projects: z
      .array(
        z
          .object({
            id: z.string().min(1).optional(),
            name: z.string().min(1),
            /** Domain id or name; default `default`. */
            domain: z.string().min(1).optional(),
            description: z.string().optional(),
            enabled: z.boolean().optional(),
            tags: z.array(z.string()).optional(),
            /** The project was deleted in Keystone: it has an id that resources can own, but Keystone lacks it. */
            deleted: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    users: z
      .array(
        z
          .object({
            id: z.string().min(1).optional(),
            name: z.string().min(1),
            password: z.string().min(1),
            domain: z.string().min(1).optional(),
            enabled: z.boolean().optional(),
            roles: z.array(roleGrantSchema).optional(),
          })
          .strict(),
      )
      .optional(),
    applicationCredentials: z
      .array(
        z
          .object({
            id: z.string().min(1).optional(),
            name: z.string().min(1),
            secret: z.string().min(1),
            user: z.string().min(1),
            project: z.string().min(1),
            roles: z.array(z.string().min(1)).optional(),
          })
          .strict(),
      )
      .optional(),
    /** OpenID Connect identity providers for Keystone federation (`/v3/OS-FEDERATION/.../auth`). */
    identityProviders: z
      .array(
        z
          .object({
            id: z.string().min(1),
            protocol: z.string().min(1).default("openid"),
            introspectionEndpoint: z.url(),
            clientId: z.string().min(1).optional(),
            clientSecret: z.string().min(1).optional(),
            userClaim: z.string().min(1).default("preferred_username"),
            /** Domain (id or name) of the local users the claim names; default `default`. */
            domain: z.string().min(1).optional(),
          })
          .strict(),
      )
      .optional(),
    /** Partial records by resource type id; `$ref` names a record for `@<type>/<ref>` references. */
    resources: resourcesSchema.optional(),
    /**
     * More regions, by name, each with its own services and records but this cloud's one Keystone (`resources` above
     * are the first region's, RegionOne). Keystone's catalog lists every region's endpoints.
     */
    regions: z
      .record(
        z.string().regex(/^[A-Za-z0-9_.-]+$/, "a region name: letters, digits, _ . -"),
        z.object({ resources: resourcesSchema.optional() }).strict(),
      )
      .optional(),
  })
  .strict();

/** A scenario as written (defaults not yet applied). */
export type Scenario = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
