// Saves and loads the inventories of a scan, so it can be replayed offline (tests, bug reports). An inventory
// holds API records trimmed to declared fields and never a token or password; the write is atomic.
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../config/errors.ts";
import type { Inventory } from "./inventory.ts";
import { INVENTORY_FILE_KIND, INVENTORY_FILE_SCHEMA_VERSION, inventoryFileSchema } from "./inventory-file-schema.ts";

export async function saveInventories(
  path: string,
  inventories: readonly Inventory[],
  now = new Date(),
): Promise<void> {
  const file = {
    kind: INVENTORY_FILE_KIND,
    schemaVersion: INVENTORY_FILE_SCHEMA_VERSION,
    savedAt: now.toISOString(),
    inventories,
  };
  // Written beside the target then renamed: a reader never sees half a file, and a crash leaves the old one.
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(file, null, 1)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function loadInventories(path: string): Promise<Inventory[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError({ file: path, key: "", expected: `a readable inventory file (${code})` });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ConfigError({ file: path, key: "", expected: "a JSON inventory saved by --save-inventory" });
  }
  const parsed = inventoryFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue === undefined ? "" : issue.path.map(String).join(".");
    const expected =
      issue?.code === "invalid_value" && issue.path.length <= 1 && key !== ""
        ? `${issue.message} (a ${INVENTORY_FILE_KIND} file of schema version ${INVENTORY_FILE_SCHEMA_VERSION})`
        : (issue?.message ?? "a valid inventory");
    throw new ConfigError({ file: path, key, expected });
  }
  return parsed.data.inventories;
}
