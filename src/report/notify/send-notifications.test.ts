import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { buildFinding, buildScanResult, fixtureFindings, HOSTILE_NAME } from "../scan-result-fixture.ts";
import type { NotificationTarget } from "./notification-target.ts";
import type { ScanDigest } from "./scan-digest.ts";
import { sendNotifications } from "./send-notifications.ts";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

type Reply = (response: ServerResponse, request: Received) => void;

/** A real HTTP receiver on 127.0.0.1:0 that answers request n with replies[n] (the last one from then on). */
async function receiver(replies: Reply[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      replies[Math.min(received.length, replies.length) - 1]!(response, entry);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve).closeAllConnections())),
  );
});

const ok: Reply = (response) => response.writeHead(200, { "content-type": "text/plain" }).end("ok");
const status =
  (code: number, headers: Record<string, string> = {}, body = ""): Reply =>
  (response) =>
    response.writeHead(code, headers).end(body);

function digest(): ScanDigest {
  const findings = fixtureFindings();
  return {
    result: buildScanResult(findings),
    newFindings: findings.slice(0, 3),
    resolvedFindings: [buildFinding({ check: "volume-error", type: "block-storage.volume", id: "gone-1" })],
  };
}

const noWait = { sleep: () => Promise.resolve(), baseDelayMs: 1 };
const SECRET = "s3cr3t-hmac-key-0123456789";

describe("generic webhook", () => {
  it("posts the digest as JSON signed with HMAC-SHA256 of the body", async () => {
    const { url, received } = await receiver([ok]);
    const [outcome] = await sendNotifications(
      digest(),
      [{ type: "webhook", url: `${url}/hooks/stacksweep`, secret: SECRET, sendWhenUnchanged: false }],
      noWait,
    );
    expect(outcome).toMatchObject({ ok: true, attempts: 1, status: 200 });
    const [request] = received;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/hooks/stacksweep");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["x-stacksweep-signature"]).toBe(
      `sha256=${createHmac("sha256", SECRET).update(request!.body).digest("hex")}`,
    );
    const body = JSON.parse(request!.body) as {
      event: string;
      counts: { new: { total: number; critical: number } };
      newFindings: unknown[];
      resolvedFindings: { resource: { id: string } }[];
    };
    expect(body.event).toBe("scan.digest");
    expect(body.counts.new).toMatchObject({ total: 3, critical: 1 });
    expect(body.newFindings).toHaveLength(3);
    expect(body.resolvedFindings[0]!.resource.id).toBe("gone-1");
  });

  it("retries 5xx and 429 with the same delivery id and signature, honouring Retry-After", async () => {
    const { url, received } = await receiver([status(503), status(429, { "retry-after": "7" }), ok]);
    const delays: number[] = [];
    const [outcome] = await sendNotifications(
      digest(),
      [{ type: "webhook", url, secret: SECRET, sendWhenUnchanged: false }],
      {
        baseDelayMs: 1,
        sleep: (ms) => {
          delays.push(ms);
          return Promise.resolve();
        },
      },
    );
    expect(outcome).toMatchObject({ ok: true, attempts: 3, status: 200 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((request) => request.headers["x-stacksweep-delivery"])).size).toBe(1);
    expect(new Set(received.map((request) => request.body)).size).toBe(1);
    expect(delays[1]).toBe(7_000);
  });

  it("gives up after the configured attempts and reports the last status", async () => {
    const { url, received } = await receiver([status(502, {}, "bad gateway")]);
    const [outcome] = await sendNotifications(digest(), [{ type: "webhook", url, sendWhenUnchanged: false }], {
      ...noWait,
      attempts: 3,
    });
    expect(received).toHaveLength(3);
    expect(outcome).toMatchObject({
      ok: false,
      attempts: 3,
      status: 502,
      error: "HTTP 502: bad gateway after 3 attempts",
    });
  });

  it("does not retry a request the receiver rejects (4xx)", async () => {
    const { url, received } = await receiver([status(401, {}, "bad signature")]);
    const [outcome] = await sendNotifications(
      digest(),
      [{ type: "webhook", url, secret: SECRET, sendWhenUnchanged: false }],
      noWait,
    );
    expect(received).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, status: 401 });
  });

  it("returns a connection failure instead of throwing, and retries it", async () => {
    const { url } = await receiver([ok]);
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    const [outcome] = await sendNotifications(digest(), [{ type: "webhook", url, sendWhenUnchanged: false }], {
      ...noWait,
      attempts: 2,
    });
    expect(outcome).toMatchObject({
      ok: false,
      attempts: 2,
      status: null,
      error: "connection failed (ECONNREFUSED) after 2 attempts",
    });
  });

  it("times out a receiver that never answers", async () => {
    const { url } = await receiver([() => undefined]);
    const [outcome] = await sendNotifications(digest(), [{ type: "webhook", url, sendWhenUnchanged: false }], {
      ...noWait,
      attempts: 1,
      timeoutMs: 200,
    });
    expect(outcome).toMatchObject({ ok: false, error: "timed out after 1 attempt" });
  });
});

describe("Slack-compatible webhook", () => {
  it("posts text and blocks, with names escaped so they cannot mention or link", async () => {
    const { url, received } = await receiver([ok]);
    const hostile = buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "v9",
      name: `<!channel> ${HOSTILE_NAME} <https://evil.example|click>`,
    });
    const input = { ...digest(), newFindings: [hostile] };
    const [outcome] = await sendNotifications(
      input,
      [{ type: "slack", url: `${url}/services/T000/B000/XXXX`, sendWhenUnchanged: false }],
      noWait,
    );
    expect(outcome).toMatchObject({ ok: true });
    const body = JSON.parse(received[0]!.body) as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(body.text).toMatch(/^stacksweep: 1 new finding \(1 warning\), 1 resolved, 7 open/u);
    expect(body.text).toContain("Incomplete scan: 0 regions not scanned, 1 inconclusive check.");
    const newSection = body.blocks.find((block) => block.text?.text.startsWith("*New (1)*"))!.text!.text;
    expect(newSection).toContain("&lt;!channel&gt;");
    expect(newSection).toContain("&lt;https://evil.example|click&gt;");
    expect(newSection).not.toMatch(/<[!h]/u);
    expect(newSection).not.toContain("\u001b");
    expect(body.blocks.length).toBeLessThanOrEqual(50);
  });

  it("keeps a long list within Slack's section limit", async () => {
    const { url, received } = await receiver([ok]);
    const many = Array.from({ length: 200 }, (_, i) =>
      buildFinding({ check: "orphaned-resource", type: "network.port", id: `port-${i}`, summary: "x".repeat(300) }),
    );
    await sendNotifications(
      { ...digest(), newFindings: many },
      [{ type: "slack", url, sendWhenUnchanged: false }],
      noWait,
    );
    const body = JSON.parse(received[0]!.body) as { blocks: { text?: { text: string } }[] };
    for (const block of body.blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  });
});

describe("Matrix room", () => {
  const target = (homeserver: string): NotificationTarget => ({
    type: "matrix",
    homeserver,
    roomId: "!ops:example.org",
    accessToken: "syt_c2VjcmV0_token",
    sendWhenUnchanged: false,
  });

  it("PUTs an m.notice to the room with the token in the Authorization header", async () => {
    const { url, received } = await receiver([
      (response) => response.writeHead(200, { "content-type": "application/json" }).end('{"event_id":"$abc"}'),
    ]);
    const [outcome] = await sendNotifications(digest(), [target(url)], noWait);
    expect(outcome).toMatchObject({ ok: true });
    const [request] = received;
    expect(request!.method).toBe("PUT");
    expect(request!.url).toMatch(
      /^\/_matrix\/client\/v3\/rooms\/!ops%3Aexample\.org\/send\/m\.room\.message\/stacksweep-[0-9a-f]{32}$/u,
    );
    expect(request!.headers.authorization).toBe("Bearer syt_c2VjcmV0_token");
    expect(request!.url).not.toContain("access_token");
    const body = JSON.parse(request!.body) as { msgtype: string; body: string; format: string; formatted_body: string };
    expect(body.msgtype).toBe("m.notice");
    expect(body.format).toBe("org.matrix.custom.html");
    expect(body.body).toContain("New (3):");
    expect(body.formatted_body).toContain("<ul><li>[critical] volume-attached-to-missing-server");
  });

  it("retries a rate limit after retry_after_ms with the same transaction id", async () => {
    const limited: Reply = (response) =>
      response
        .writeHead(429, { "content-type": "application/json" })
        .end('{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2500}');
    const { url, received } = await receiver([limited, ok]);
    const delays: number[] = [];
    const [outcome] = await sendNotifications(digest(), [target(url)], {
      baseDelayMs: 1,
      sleep: (ms) => (delays.push(ms), Promise.resolve()),
    });
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(received[0]!.url).toBe(received[1]!.url);
    expect(delays).toEqual([2500]);
  });

  it("escapes a hostile name in the HTML body", async () => {
    const { url, received } = await receiver([ok]);
    const hostile = buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v9", name: HOSTILE_NAME });
    await sendNotifications({ ...digest(), newFindings: [hostile] }, [target(url)], noWait);
    const body = JSON.parse(received[0]!.body) as { formatted_body: string; body: string };
    expect(body.formatted_body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body.formatted_body).not.toContain("<script");
    expect(body.body).not.toContain("\u001b");
  });
});

describe("sendNotifications", () => {
  it("skips targets when nothing changed, unless they ask for every scan", async () => {
    const { url, received } = await receiver([ok]);
    const result = buildScanResult();
    const unchanged: ScanDigest = { result: { ...result, inconclusive: [] }, newFindings: [], resolvedFindings: [] };
    const outcomes = await sendNotifications(
      unchanged,
      [
        { type: "webhook", url, sendWhenUnchanged: false },
        { type: "slack", url, sendWhenUnchanged: true },
      ],
      noWait,
    );
    expect(outcomes[0]).toMatchObject({ ok: true, skipped: "unchanged" });
    expect(outcomes[1]).toMatchObject({ ok: true, attempts: 1 });
    expect(received).toHaveLength(1);
  });

  it("sends to every target even when one fails, and never logs a secret, token or URL path", async () => {
    const good = await receiver([ok]);
    const bad = await receiver([status(500)]);
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const outcomes = await sendNotifications(
      digest(),
      [
        { type: "webhook", name: "ops", url: `${bad.url}/hook/tok-abcdef`, secret: SECRET, sendWhenUnchanged: false },
        { type: "slack", url: `${good.url}/services/T000/B000/XXXX`, sendWhenUnchanged: false },
        {
          type: "matrix",
          homeserver: bad.url,
          roomId: "!ops:example.org",
          accessToken: "syt_c2VjcmV0_token",
          sendWhenUnchanged: false,
        },
      ],
      { ...noWait, attempts: 2, logger },
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, false]);
    expect(outcomes[0]!.target).toBe(`webhook "ops" (${new URL(bad.url).host})`);
    const log = lines.join("");
    expect(log).toContain("notification failed");
    expect(log).toContain("notification sent");
    for (const secret of [SECRET, "syt_c2VjcmV0_token", "tok-abcdef", "B000/XXXX"]) {
      expect(log).not.toContain(secret);
      expect(JSON.stringify(outcomes)).not.toContain(secret);
    }
  });
});
