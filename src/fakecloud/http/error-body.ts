// The error bodies of each service, as their own frameworks produce them: a client that parses a message
// out of an error must be tested against the real shape, not a generic one.

import { STATUS_CODES } from "node:http";
import type { ServiceType } from "../../openstack/service-type.ts";

export interface ErrorDetails {
  /** Neutron's exception class name (`PortNotFound`); other services ignore it. */
  type?: string;
  requestId?: string;
}

// nova/api/openstack/wsgi.py `Fault._fault_names` (cinder/api/openstack/wsgi.py has the same table);
// any other status is a "computeFault", including nova's 406 for an unsupported microversion.
const NOVA_FAULT_NAMES: Readonly<Record<number, string>> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  409: "conflictingRequest",
  413: "overLimit",
  415: "badMediaType",
  429: "overLimit",
  501: "notImplemented",
  503: "serviceUnavailable",
};

// The webob exception names neutron reports as `type` when no more specific exception applies.
const NEUTRON_DEFAULT_TYPES: Readonly<Record<number, string>> = {
  400: "HTTPBadRequest",
  401: "HTTPUnauthorized",
  403: "HTTPForbidden",
  404: "HTTPNotFound",
  405: "HTTPMethodNotAllowed",
  409: "HTTPConflict",
  429: "HTTPTooManyRequests",
  500: "HTTPInternalServerError",
  502: "HTTPBadGateway",
  503: "HTTPServiceUnavailable",
  504: "HTTPGatewayTimeout",
};

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? "Error";
}

/** The JSON body `service` answers with for an error of `status`. */
export function errorBody(service: ServiceType, status: number, message: string, details: ErrorDetails = {}): unknown {
  switch (service) {
    case "compute":
    case "block-storage":
      return { [NOVA_FAULT_NAMES[status] ?? "computeFault"]: { code: status, message } };
    case "network":
      return {
        NeutronError: { type: details.type ?? NEUTRON_DEFAULT_TYPES[status] ?? "HTTPError", message, detail: "" },
      };
    case "load-balancer":
      // WSME's error body (octavia's API is built on pecan + wsme).
      return { faultcode: status < 500 ? "Client" : "Server", faultstring: message, debuginfo: null };
    case "image":
      // webob's JSON error formatter, which glance's HTTP exceptions use when the client accepts JSON (and only
      // then: see webob-error.ts for the HTML and plain-text answers).
      return {
        message: `${message}<br /><br />\n\n\n`,
        code: `${status} ${reasonPhrase(status)}`,
        title: reasonPhrase(status),
      };
    case "identity":
      return { error: { code: status, message, title: reasonPhrase(status) } };
    case "placement":
      // placement/util.py json_error_formatter: a list of errors with a machine-readable code.
      return {
        errors: [
          {
            status,
            title: reasonPhrase(status),
            detail: message,
            request_id: details.requestId ?? null,
            code: "placement.undefined_code",
          },
        ],
      };
  }
}
