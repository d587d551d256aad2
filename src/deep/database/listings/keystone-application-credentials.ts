// Keystone's application credentials of every user, from its database: its API lists them one user at a time (see
// src/inventory/resource-types/identity-application-credential.ts). Never the secret's hash. `expires_at` is Keystone's
// DateTimeInt (microseconds since the epoch), shaped as the API shows it.
import type { DatabaseListing } from "../database-listing.ts";
import { flag } from "../database-listing.ts";

export const keystoneApplicationCredentials: DatabaseListing = {
  type: "identity.application-credential",
  services: ["keystone"],
  standsIn: false,
  list: async (db) => {
    const rows = await db.select(
      "keystone",
      "SELECT id, name, description, user_id, project_id, expires_at, unrestricted " +
        "FROM application_credential ORDER BY internal_id",
    );
    return rows.map((row) => ({
      ...row,
      unrestricted: flag(row.unrestricted),
      expires_at: microsecondsToIso(row.expires_at),
    }));
  },
};

function microsecondsToIso(value: unknown): string | null {
  const micros = typeof value === "string" ? Number(value) : typeof value === "bigint" ? Number(value) : value;
  return typeof micros === "number" && Number.isFinite(micros) ? new Date(micros / 1000).toISOString() : null;
}
