// Nova's key pairs of every user, from its API database: its API lists them one user at a time (see
// src/inventory/resource-types/compute-keypair.ts). The API database keeps no deleted rows (no soft delete there).
import type { DatabaseListing } from "../database-listing.ts";

export const novaKeyPairs: DatabaseListing = {
  type: "compute.keypair",
  services: ["nova"],
  standsIn: false,
  list: (db) => db.select("nova", "SELECT name, user_id, fingerprint, type, created_at FROM key_pairs ORDER BY id"),
};
