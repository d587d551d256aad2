// One probe of one amphora agent, as Octavia's controller makes it (amphorae/drivers/haproxy/rest_api_driver.py):
// HTTPS to lb_network_ip on the agent port, the controller's client certificate, the agents' server CA, and the
// server's certificate checked against the amphora id (the agents' certificates name the amphora, never an address).
// A probe never throws: what went wrong is the answer, for the checks to judge.
import { request } from "node:https";
import { checkServerIdentity, type PeerCertificate } from "node:tls";

export interface AgentCredentials {
  /** The controller's client certificate and key (PEM), as Octavia's `client_cert` holds both. */
  cert: string;
  key: string;
  /** The agents' server CA (PEM). */
  ca: string;
}

export interface AgentTarget {
  amphoraId: string;
  address: string;
  port: number;
  apiVersion: string;
}

/**
 * Why a probe got no details: `connection` (refused, unreachable, reset), `timeout`, `agent-certificate` (the agent's
 * certificate is not from the server CA or not for this amphora: another machine answers at that address),
 * `controller-certificate-refused` (the agent rejected the client certificate), `answer` (an HTTP error or a body
 * without the disk figures).
 */
export type ProbeFailure = "connection" | "timeout" | "agent-certificate" | "controller-certificate-refused" | "answer";

export type ProbeAnswer =
  { answered: true; details: Record<string, unknown> } | { answered: false; failure: ProbeFailure; reason: string };

const AGENT_CERTIFICATE_ERRORS = new Set([
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
]);

export function probeAgentDetails(
  target: AgentTarget,
  credentials: AgentCredentials,
  timeoutMs: number,
): Promise<ProbeAnswer> {
  const where = `${formatHost(target.address)}:${target.port}`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: ProbeAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(answer);
    };
    const req = request(
      {
        host: target.address,
        port: target.port,
        method: "GET",
        path: `/${target.apiVersion}/details`,
        headers: { accept: "application/json" },
        ca: credentials.ca,
        cert: credentials.cert,
        key: credentials.key,
        // As the controller's CustomHostNameCheckingAdapter: the name checked is the amphora id, not the address.
        checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(target.amphoraId, cert),
        // The agent (gunicorn, one sync worker) closes every connection: nothing to keep alive.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => settle(failed(error, where)));
        response.on("end", () =>
          settle(parseAnswer(response.statusCode ?? 0, Buffer.concat(chunks).toString(), where)),
        );
      },
    );
    const deadline = setTimeout(() => {
      settle({ answered: false, failure: "timeout", reason: `no answer from ${where} within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => settle(failed(error, where)));
    req.end();
  });
}

function parseAnswer(status: number, body: string, where: string): ProbeAnswer {
  if (status !== 200) {
    return { answered: false, failure: "answer", reason: `${where} answered HTTP ${status}: ${body.slice(0, 200)}` };
  }
  let details: unknown;
  try {
    details = JSON.parse(body);
  } catch {
    return { answered: false, failure: "answer", reason: `${where} answered something that is not JSON` };
  }
  if (typeof details !== "object" || details === null || Array.isArray(details)) {
    return { answered: false, failure: "answer", reason: `${where} answered JSON that is not an object` };
  }
  return { answered: true, details: details as Record<string, unknown> };
}

function failed(error: Error, where: string): ProbeAnswer {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (AGENT_CERTIFICATE_ERRORS.has(code)) {
    return {
      answered: false,
      failure: "agent-certificate",
      reason: `the certificate of ${where} is refused: ${error.message}`,
    };
  }
  // The agent's TLS alert when it does not accept the controller's certificate (unknown CA, none sent, expired):
  // OpenSSL's "tlsv1 alert unknown ca", which Node gives as EPROTO (or ERR_SSL_..._ALERT_... on a read).
  const alert = /(?:sslv3|tlsv1|tlsv13) alert [a-z ]+/i.exec(error.message)?.[0];
  if (alert !== undefined || /^ERR_SSL_\w+_ALERT_/.test(code)) {
    return {
      answered: false,
      failure: "controller-certificate-refused",
      reason: `${where} refused the controller's certificate (${alert ?? code})`,
    };
  }
  return { answered: false, failure: "connection", reason: `${where}: ${code === "" ? error.message : code}` };
}

function formatHost(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}
