// Run as a separate process by the lock test: opens the store given on the command line, tries to take the lock,
// and prints the answer as JSON. Separate processes, because that is how two `apply` runs contend in real life.

import { HistoryStore } from "../../../src/store/history-store.ts";

const [location, schema, holder] = process.argv.slice(2);
if (location === undefined || holder === undefined) throw new Error("usage: try-lock LOCATION SCHEMA|- HOLDER");
const store = await HistoryStore.open({ location, ...(schema === undefined || schema === "-" ? {} : { schema }) });
try {
  process.stdout.write(JSON.stringify(await store.acquireLock("apply", holder, 600)));
} finally {
  await store.close();
}
