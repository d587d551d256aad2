// The amphora-agent source against real TLS on loopback: a Node HTTPS server stands in for the agent's gunicorn
// (TLS 1.2, client certificate required, as the agent configures it), with certificates made by openssl as Octavia's
// local generator makes them. What the real agent answers is the e2e suite's (test/e2e/amphora-agent.e2e.test.ts),
// which also covers an agent refusing the controller's certificate: Python's ssl sends a TLS alert in the handshake,
// where a Node server only drops the connection once the handshake is done.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpsServer, type Server } from "node:https";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeepRecord } from "../deep-source.ts";
import { openAmphoraAgentSource } from "./open.ts";
import { amphoraAgentSettingsSchema } from "./settings.ts";

const AMPHORA = "b7d3531a-16a3-42e0-bdbe-b4c61937261e";
const IMPOSTOR = "0c0c0c0c-0000-4000-8000-000000000000";
const DISK = { used: 61034496, available: 6074368 };

let dir: string;
let agent: Server;
let silent: TcpServer;
const held: Socket[] = [];
let port: number;
let inFlight = 0;
let mostInFlight = 0;

/** The test makes its certificates with the openssl command; a machine without it cannot run this suite. */
const HAS_OPENSSL = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
}

function makeCertificates(): void {
  for (const ca of ["server_ca", "client_ca", "rogue_ca"]) {
    openssl(
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj", `/CN=${ca}`],
      ...["-keyout", `${ca}.key`, "-out", `${ca}.pem`, "-addext", "basicConstraints=critical,CA:TRUE"],
    );
  }
  // A leaf whose CN and SAN are `cn` (the agent's: the amphora id); its PEM is the certificate, then the key.
  const leaf = (name: string, cn: string, ca: string): void => {
    openssl(
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      `/CN=${cn}`,
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.csr`,
    );
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=DNS:${cn}\nextendedKeyUsage=serverAuth,clientAuth\n`);
    openssl(
      ...["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.pem`, "-CAkey", `${ca}.key`, "-CAcreateserial"],
      ...["-days", "2", "-sha256", "-extfile", `${name}.ext`, "-out", `${name}.crt`],
    );
    const pem = readFileSync(join(dir, `${name}.crt`), "utf8") + readFileSync(join(dir, `${name}.key`), "utf8");
    writeFileSync(join(dir, `${name}.pem`), pem);
  };
  leaf("amphora", AMPHORA, "server_ca");
  leaf("client", "octavia-controller", "client_ca");
  leaf("rogue_client", "octavia-controller", "rogue_ca");
}

const file = (name: string): string => join(dir, name);

beforeAll(async () => {
  if (!HAS_OPENSSL) return;
  dir = mkdtempSync(join(tmpdir(), "stacksweep-amphora-agent-"));
  makeCertificates();
  agent = createHttpsServer(
    {
      cert: readFileSync(file("amphora.crt")),
      key: readFileSync(file("amphora.key")),
      ca: readFileSync(file("client_ca.pem")),
      requestCert: true,
      rejectUnauthorized: true,
      maxVersion: "TLSv1.2",
    },
    (request, response) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Answer on the next turn, so concurrent probes overlap as they would on separate agents.
      setTimeout(() => {
        inFlight -= 1;
        const ok = request.url === "/1.0/details";
        response.writeHead(ok ? 200 : 404, { "content-type": "application/json", connection: "close" });
        response.end(JSON.stringify(ok ? { hostname: `amphora-${AMPHORA}`, api_version: "1.0", disk: DISK } : {}));
      }, 20);
    },
  );
  await new Promise<void>((resolve) => agent.listen(0, "127.0.0.1", resolve));
  port = (agent.address() as AddressInfo).port;
  // An agent that accepts the connection and never says a word.
  silent = createTcpServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(port, "127.0.0.3", resolve));
});

afterAll(async () => {
  if (!HAS_OPENSSL) return;
  for (const socket of held) socket.destroy();
  await Promise.all([new Promise((resolve) => agent.close(resolve)), new Promise((resolve) => silent.close(resolve))]);
  rmSync(dir, { recursive: true, force: true });
});

function source(overrides: Record<string, unknown> = {}) {
  const settings = amphoraAgentSettingsSchema.parse({
    clientCert: file("client.pem"),
    serverCa: file("server_ca.pem"),
    bindPort: port,
    timeoutSeconds: 1,
    ...overrides,
  });
  return openAmphoraAgentSource(settings, { cloud: "test", region: "RegionOne" });
}

async function probe(amphorae: DeepRecord[], overrides: Record<string, unknown> = {}) {
  const inputs = new Map([["load-balancer.amphora", amphorae]]);
  return source(overrides).list("load-balancer.amphora-agent", { cloud: "test", region: "RegionOne", inputs });
}

const amphora = (id: string, address: string, status = "ALLOCATED"): DeepRecord => ({
  id,
  status,
  lb_network_ip: address,
  loadbalancer_id: "lb1",
});

describe.skipIf(!HAS_OPENSSL)("the amphora-agent source (skipped without the openssl command)", () => {
  it("reads each ALLOCATED amphora's disk from its agent, checking the agent's certificate names the amphora", async () => {
    const listing = await probe([
      amphora(AMPHORA, "127.0.0.1"),
      amphora("deleted-one", "127.0.0.1", "DELETED"),
      amphora("booting-one", "127.0.0.1", "BOOTING"),
    ]);
    expect(listing).toEqual({
      records: [
        {
          id: AMPHORA,
          lb_network_ip: "127.0.0.1",
          loadbalancer_id: "lb1",
          answered: true,
          disk: DISK,
          hostname: `amphora-${AMPHORA}`,
          api_version: "1.0",
        },
      ],
      requests: 1,
    });
  });

  it("says why an agent did not answer: refused, silent, another amphora's certificate", async () => {
    const { records } = await probe([
      amphora("a-closed", "127.0.0.2"),
      amphora("a-silent", "127.0.0.3"),
      amphora(IMPOSTOR, "127.0.0.1"),
    ]);
    expect(records).toEqual([
      expect.objectContaining({
        id: "a-closed",
        answered: false,
        failure: "connection",
        reason: `127.0.0.2:${port}: ECONNREFUSED`,
      }),
      expect.objectContaining({
        id: "a-silent",
        answered: false,
        failure: "timeout",
        reason: `no answer from 127.0.0.3:${port} within 1000 ms`,
      }),
      expect.objectContaining({ id: IMPOSTOR, answered: false, failure: "agent-certificate" }),
    ]);
    expect(records[2]?.reason).toContain(IMPOSTOR);
  });

  it("probes only amphorae in the networks the settings name, marking the others not probed", async () => {
    const { records, requests } = await probe([amphora(AMPHORA, "127.0.0.1"), amphora("a-far", "192.0.2.1")], {
      networks: ["127.0.0.0/8"],
    });
    expect(records).toEqual([
      expect.objectContaining({ id: AMPHORA, answered: true }),
      expect.objectContaining({ id: "a-far", answered: false, failure: "not-probed" }),
    ]);
    expect(requests).toBe(1);
    expect(amphoraAgentSettingsSchema.safeParse({ octaviaConf: "/x", networks: ["10.0.0.0/33"] }).success).toBe(false);
  });

  it("reads client_cert, server_ca and bind_port from octavia.conf's [haproxy_amphora]", async () => {
    const conf = file("octavia.conf");
    writeFileSync(
      conf,
      `[DEFAULT]\nbind_port = 1\n\n[haproxy_amphora]\n# the controller's\nclient_cert = ${file("client.pem")}\n` +
        `server_ca = ${file("server_ca.pem")}\nbind_port = ${port}\n\n[certificates]\nserver_ca = /nowhere\n`,
    );
    const { records } = await probe([amphora(AMPHORA, "127.0.0.1")], {
      octaviaConf: conf,
      clientCert: undefined,
      serverCa: undefined,
      bindPort: undefined,
    });
    expect(records[0]).toMatchObject({ answered: true, disk: DISK });
  });

  it("fails the whole listing, naming the file, when the controller's certificate cannot be read", async () => {
    await expect(probe([amphora(AMPHORA, "127.0.0.1")], { clientCert: file("missing.pem") })).rejects.toThrow(
      `cannot read client_cert ${file("missing.pem")}: ENOENT`,
    );
  });

  it("asks no more agents at once than its concurrency", async () => {
    mostInFlight = 0;
    const many = Array.from({ length: 12 }, () => amphora(AMPHORA, "127.0.0.1"));
    const { records } = await probe(many, { concurrency: 3 });
    expect(records.every((record) => record.answered === true)).toBe(true);
    expect(mostInFlight).toBe(3);
  });
});
