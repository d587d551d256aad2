import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent as IndexAgent } from "undici";
import { describe, expect, it } from "vitest";
import type { ResolvedCloud } from "../../config/clouds.ts";
import { createAgent, undiciAgent } from "./agent.ts";

describe("createAgent", () => {
  it("loads undici's own Agent, with the request API its index gives every dispatcher", () => {
    // A release that moves either file fails here, not in an operator's scan.
    expect(undiciAgent()).toBe(IndexAgent);
    expect(typeof undiciAgent().prototype.request).toBe("function");
  });

  it("gives the Agent its request API in a process that never loaded undici's index", () => {
    const script =
      'const { undiciAgent } = await import("./src/openstack/transport/agent.ts"); ' +
      "process.stdout.write(typeof undiciAgent().prototype.request)";
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: new URL("../../..", import.meta.url),
      encoding: "utf8",
    });
    expect(output).toBe("function");
  });

  it("sends a request over loopback and reads the answer", async () => {
    const server = createServer((_request, response) => response.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const agent = createAgent({ verify: true } as ResolvedCloud, { timeoutMs: 5_000, connectionsPerOrigin: 2 });
    try {
      const { port } = server.address() as AddressInfo;
      const response = await agent.request({ origin: `http://127.0.0.1:${port}`, path: "/", method: "GET" });
      expect(response.statusCode).toBe(200);
      expect(await response.body.json()).toEqual({ ok: true });
    } finally {
      await agent.close();
      server.close();
    }
  });
});
