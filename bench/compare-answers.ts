// `tsx bench/compare-answers.ts <base> [--resources N]`: proves that a change to fakecloud left its answers as they
// were. `<base>` is a copy of another revision's `packages/fakecloud/src` inside this checkout (so that its imports
// resolve): `mkdir -p bench/results/answers-base && git archive main packages/fakecloud/src | tar -x -C
// bench/results/answers-base`, then `bench/results/answers-base/packages/fakecloud/src` (bench/results/ is ignored). Both
// fakeclouds are seeded with the same generated cloud, the clock held still so that seeding and rendering read the
// same time; the CLI scans this revision's, and every GET it sent is asked again of both, as admin. Status, content
// type, Swift's account headers and body must be byte for byte the same (each server's own URL read as one). Prints
// one line per difference and exits 1 if there is any. A tool for reviews, not a test: it needs the other revision.

import crypto, { createHash } from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import type { FakeCloud, startFakeCloud as StartFakeCloud } from "@stacksweep/fakecloud";
import { generateCloud } from "../src/cli/scenarios/generator.ts";
import { runScan } from "./run-scan.ts";

const program = new Command("compare-answers")
  .argument("<base>", "another revision's packages/fakecloud/src, inside this checkout")
  .option(
    "--resources <n>",
    "generated cloud size",
    (value) => {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 10) throw new InvalidArgumentError("expected an integer ≥ 10");
      return number;
    },
    30_000,
  )
  .parse();
const [baseDirectory] = program.processedArgs;
const { resources } = program.opts();

// The clock held at one instant: both clouds seed and render (an agent's `alive`, a default `created_at`) at the same
// time. Timers still run; only what reads the date is held.
const frozen = Date.now();
const RealDate = Date;
class FrozenDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(frozen);
    else super(...(args as [string]));
  }
  static override now(): number {
    return frozen;
  }
}
globalThis.Date = FrozenDate as DateConstructor;
// And the ids fakecloud makes up while seeding (an attachment's, Keystone's admin project) counted from the same
// start for each cloud, so that both make the same ones.
let serial = 0;
const realRandomUuid = crypto.randomUUID;
crypto.randomUUID = () => `00000000-0000-4000-8000-${(serial++).toString(16).padStart(12, "0")}`;
syncBuiltinESMExports();

const baseModule = (await import(pathToFileURL(resolve(baseDirectory, "index.ts")).href)) as {
  startFakeCloud: typeof StartFakeCloud;
};
const { startFakeCloud } = await import("../packages/fakecloud/src/index.ts");

const generated = generateCloud({ resources, seed: 1 });
serial = 0;
const base = await baseModule.startFakeCloud({ scenario: generated.scenario });
serial = 0;
const clouds = { base, head: await startFakeCloud({ scenario: generated.scenario }) };
crypto.randomUUID = realRandomUuid;
syncBuiltinESMExports();

/** The admin's token, and the ids fakecloud makes up at start (admin project and user): written as names. */
interface Admin {
  token: string;
  ids: [string, string][];
}

async function admin(cloud: FakeCloud): Promise<Admin> {
  const auth = cloud.cloudsYamlEntry()["auth"] as Record<string, string>;
  const response = await cloud.fetch(
    new Request(`${cloud.authUrl}/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: auth["username"], domain: { name: "Default" }, password: auth["password"] } },
          },
          scope: { project: { name: "admin", domain: { name: "Default" } } },
        },
      }),
    }),
  );
  const token = response.headers.get("X-Subject-Token");
  if (token === null) throw new Error(`no token from ${cloud.authUrl}: ${response.status}`);
  const body = (await response.json()) as { token: { project: { id: string }; user: { id: string } } };
  return {
    token,
    ids: [
      [cloud.url, "URL"],
      [body.token.project.id, "ADMIN_PROJECT"],
      [body.token.user.id, "ADMIN_USER"],
    ],
  };
}

function named(text: string, { ids }: Admin): string {
  return ids.reduce((named, [id, name]) => named.replaceAll(id, name), text);
}

function unnamed(text: string, { ids }: Admin): string {
  return ids.reduce((unnamed, [id, name]) => unnamed.replaceAll(name, id), text);
}

/** What a client reads of an answer to `path` (with names for the ids of `as`), its made-up ids named. */
async function answer(cloud: FakeCloud, as: Admin, path: string): Promise<string> {
  const response = await cloud.fetch(
    new Request(`${cloud.url}${unnamed(path, as)}`, { headers: { "X-Auth-Token": as.token } }),
  );
  const headers = [...response.headers]
    .filter(([name]) => name === "content-type" || name.startsWith("x-account-") || name.startsWith("x-container-"))
    .map(([name, value]) => `${name}: ${value}`)
    .sort();
  return named(`${response.status}\n${headers.join("\n")}\n\n${await response.text()}`, as);
}

try {
  const run = await runScan(clouds.head, "tsx");
  if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`the scan exited with ${String(run.exitCode)}`);
  const paths = clouds.head.requestLog
    .list()
    .filter((entry) => entry.method === "GET" && entry.service !== "control")
    .map((entry) => entry.path);
  const admins = { base: await admin(clouds.base), head: await admin(clouds.head) };
  let differences = 0;
  const digest = createHash("sha256");
  for (const sent of paths) {
    // The path as the scan sent it to this revision's cloud, its admin project written as a name.
    const path = named(sent, admins.head);
    const base = await answer(clouds.base, admins.base, path);
    const head = await answer(clouds.head, admins.head, path);
    digest.update(head);
    if (base !== head) {
      differences += 1;
      let at = 0;
      while (at < base.length && base[at] === head[at]) at++;
      process.stdout.write(
        `differs: GET ${path} at character ${at}: ${JSON.stringify(base.slice(at - 60, at + 60))} → ` +
          `${JSON.stringify(head.slice(at - 60, at + 60))}\n`,
      );
    }
  }
  process.stdout.write(
    `${paths.length} answers to the scan's requests of a ${resources}-resource cloud (${run.findings} findings): ` +
      `${differences} differ; sha256 of this revision's ${digest.digest("hex")}\n`,
  );
  process.exitCode = differences === 0 ? 0 : 1;
} finally {
  globalThis.Date = RealDate;
  await clouds.base.close();
  await clouds.head.close();
}
