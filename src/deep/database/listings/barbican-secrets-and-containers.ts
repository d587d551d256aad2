// Barbican's secrets and containers of every project, from its database: its API lists only the token's project's
// (see src/inventory/resource-types/key-manager-secret.ts), so this is the one way to see a deleted project's. Rows
// carry Barbican's own project row id; the Keystone project id is that row's `external_id`. Shaped as the API's
// records (`created`, `updated`), with the owner the API leaves out.
import type { DatabaseListing } from "../database-listing.ts";

export const barbicanSecrets: DatabaseListing = {
  type: "key-manager.secret",
  services: ["barbican"],
  standsIn: false,
  list: (db) =>
    db.select(
      "barbican",
      "SELECT s.id, s.name, s.status, s.secret_type, s.algorithm, s.bit_length, s.expiration, s.creator_id, " +
        "s.created_at AS created, s.updated_at AS updated, p.external_id AS project_id " +
        "FROM secrets s JOIN projects p ON p.id = s.project_id WHERE s.deleted = false ORDER BY s.created_at, s.id",
    ),
};

export const barbicanContainers: DatabaseListing = {
  type: "key-manager.container",
  services: ["barbican"],
  standsIn: false,
  list: async (db) => {
    const containers = await db.select(
      "barbican",
      "SELECT c.id, c.name, c.status, c.type, c.creator_id, c.created_at AS created, c.updated_at AS updated, " +
        "p.external_id AS project_id " +
        "FROM containers c JOIN projects p ON p.id = c.project_id WHERE c.deleted = false ORDER BY c.created_at, c.id",
    );
    // The secrets each container holds, as the API's secret_refs (name and secret id; the href is the endpoint's).
    const refs = await db.select(
      "barbican",
      "SELECT cs.container_id, cs.name, cs.secret_id FROM container_secret cs " +
        "JOIN containers c ON c.id = cs.container_id WHERE c.deleted = false AND cs.deleted = false",
    );
    const byContainer = new Map<unknown, { name: unknown; secret_id: unknown }[]>();
    for (const ref of refs) {
      const list = byContainer.get(ref.container_id) ?? [];
      list.push({ name: ref.name, secret_id: ref.secret_id });
      byContainer.set(ref.container_id, list);
    }
    return containers.map((container) => ({ ...container, secret_refs: byContainer.get(container.id) ?? [] }));
  },
};
