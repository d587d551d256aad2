// Keeps only the declared fields of an API record, so 100k records fit in memory and a saved inventory holds
// only what checks read.

/**
 * Fields that may carry credentials (Cinder's `connection_info` holds CHAP secrets, Nova's `adminPass`): never
 * kept, even if a declaration asked for them, so no inventory, report or saved file can leak them.
 */
const NEVER_KEPT = new Set(["connection_info", "adminPass", "auth_password", "password", "secret"]);

export function trimRecord(record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of fields) {
    if (NEVER_KEPT.has(field) || !Object.hasOwn(record, field)) continue;
    kept[field] = record[field];
  }
  return kept;
}
