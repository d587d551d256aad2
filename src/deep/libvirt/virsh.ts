// The two read-only virsh calls made per host: every domain with its uuid and name, then the running ones. Two calls
// per host, whatever its number of domains (a `dominfo` per domain would cost one process and one connection each).
import { execFile } from "node:child_process";

export interface Domain {
  uuid: string;
  name: string;
  running: boolean;
}

export interface VirshOptions {
  virsh: string;
  timeoutMs: number;
  /** Counts each virsh run, answered or not (the listing's requests). */
  onCall: () => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listDomains(uri: string, options: VirshOptions): Promise<Domain[]> {
  const all = await virsh(uri, ["list", "--all", "--uuid", "--name"], options);
  const running = new Set(
    (await virsh(uri, ["list", "--uuid", "--state-running"], options))
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => UUID.test(line)),
  );
  const domains: Domain[] = [];
  for (const line of all.split("\n")) {
    const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(line);
    if (match === null) continue;
    const [, uuid, name] = match as unknown as [string, string, string];
    if (!UUID.test(uuid)) throw new Error(`virsh list --all --uuid --name printed an unexpected line: ${line}`);
    domains.push({ uuid: uuid.toLowerCase(), name, running: running.has(uuid) });
  }
  return domains;
}

function virsh(uri: string, args: readonly string[], options: VirshOptions): Promise<string> {
  options.onCall();
  return new Promise((resolve, reject) => {
    execFile(
      options.virsh,
      ["--readonly", "--quiet", "--connect", uri, ...args],
      {
        timeout: options.timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, LC_ALL: "C" },
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        if (error.killed) reject(new Error(`virsh ${args[0]} did not answer within ${options.timeoutMs} ms`));
        else reject(new Error(firstLine(stderr) ?? error.message));
      },
    );
  });
}

/** virsh's own message ("error: failed to connect to the hypervisor"), the most telling line first. */
function firstLine(stderr: string): string | null {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return lines.length === 0 ? null : lines.join("; ");
}
