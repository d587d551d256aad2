// The service catalog of a Keystone token: endpoint lookup by service type (with the official aliases), region
// and interface, and a CatalogError that names what was asked and what the catalog has.

import * as z from "zod";
import { CatalogError } from "./errors.ts";
import { SERVICE_TYPE_ALIASES, type ServiceType } from "../config/service-type.ts";

export const catalogSchema = z.array(
  z.looseObject({
    type: z.string(),
    name: z.string().optional(),
    endpoints: z.array(
      z.looseObject({
        interface: z.string(),
        region: z.string().nullish(),
        region_id: z.string().nullish(),
        url: z.string(),
      }),
    ),
  }),
);

export type CatalogEntries = z.infer<typeof catalogSchema>;

export class Catalog {
  readonly #entries: CatalogEntries;

  constructor(entries: CatalogEntries) {
    this.#entries = entries;
  }

  /** Every region any endpoint names, in catalog order. */
  regions(): string[] {
    const regions = new Set<string>();
    for (const entry of this.#entries) {
      for (const endpoint of entry.endpoints) {
        const region = endpoint.region_id ?? endpoint.region;
        if (region) regions.add(region);
      }
    }
    return [...regions];
  }

  has(service: ServiceType, region: string, iface: string): boolean {
    return this.#find(service, region, iface) !== undefined;
  }

  /** The endpoint URL, without a trailing slash. */
  endpoint(service: ServiceType, region: string, iface: string): string {
    const url = this.#find(service, region, iface);
    if (url !== undefined) return url.replace(/\/+$/, "");
    throw new CatalogError(this.#describeMiss(service, region, iface), { service, region, interface: iface });
  }

  #find(service: ServiceType, region: string, iface: string): string | undefined {
    // Aliases in order of preference: a cloud registering both `block-storage` and `volumev3` gets the former.
    for (const type of SERVICE_TYPE_ALIASES[service]) {
      for (const entry of this.#entries) {
        if (entry.type !== type) continue;
        const endpoint = entry.endpoints.find(
          (e) => normalizeInterface(e.interface) === iface && (e.region_id ?? e.region) === region,
        );
        if (endpoint !== undefined) return endpoint.url;
      }
    }
    return undefined;
  }

  #describeMiss(service: ServiceType, region: string, iface: string): string {
    const types = SERVICE_TYPE_ALIASES[service];
    const asked = `no ${service} endpoint (catalog type ${types.join(" or ")}) with interface ${iface} in region ${region}`;
    const matching = this.#entries.filter((e) => types.includes(e.type));
    if (matching.length === 0) {
      const present = [...new Set(this.#entries.map((e) => e.type))].sort();
      return `${asked}; the catalog has no such service, only: ${present.join(", ") || "nothing"}`;
    }
    const offers = matching.flatMap((e) =>
      e.endpoints.map(
        (p) => `${e.type} ${normalizeInterface(p.interface)} in ${p.region_id ?? p.region ?? "no region"}`,
      ),
    );
    return `${asked}; the catalog offers ${[...new Set(offers)].join(", ")}`;
  }
}

/** Old catalogs write `publicURL`; v3 catalogs write `public`. */
function normalizeInterface(value: string): string {
  return value.toLowerCase().replace(/url$/, "");
}
