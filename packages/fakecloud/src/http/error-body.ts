// The error bodies of each service, as their own frameworks produce them: a client that parses a message
// out of an error must be tested against the real shape, not a generic one.

import { STATUS_CODES } from "node:http";
import type { ServiceType } from "@stacksweep/names";

export interface ErrorDetails {
  /** Neutron's exception class name (`PortNotFound`); other services ignore it. */
  type?: string;
  requestId?: string;
  /** The service's microversion range, which placement's 406 names. */
  versionRange?: { min: string; max: string };
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

// webob's default `explanation` per status: placement's JSON errors put it before the message.
const WEBOB_EXPLANATIONS: Readonly<Record<number, string>> = {
  400: "The server could not comply with the request since it is either malformed or otherwise incorrect.",
  401: "This server could not verify that you are authorized to access the document you requested.",
  403: "Access was denied to this resource.",
  404: "The resource could not be found.",
  405: "The method is not allowed for this resource.",
  409: "There was a conflict when trying to complete your request.",
  429: "The client has sent too many requests in a given amount of time.",
  500: "The server has either erred or is incapable of performing the requested operation.",
  502: "Bad gateway.",
  503: "The server is currently unavailable. Please try again at a later time.",
  504: "The gateway has timed out.",
};

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? "Error";
}

/** The JSON body `service` answers with for an error of `status`. */
export function errorBody(service: ServiceType, status: number, message: string, details: ErrorDetails = {}): unknown {
  switch (service) {
    // manila/api/openstack/wsgi.py Fault has the same table of fault names.
    case "compute":
    case "block-storage":
    case "shared-file-system":
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
    case "orchestration":
      // heat/api/middleware/fault.py: webob's title and explanation, the exception's class name and message.
      return {
        code: status,
        title: reasonPhrase(status),
        explanation: WEBOB_EXPLANATIONS[status] ?? reasonPhrase(status),
        error: { type: details.type ?? "HTTPError", traceback: null, message },
      };
    case "dns":
      // designate/api/middleware.py FaultWrapperMiddleware: the exception's error_type and the request id.
      return { code: status, type: details.type ?? "unknown", message, request_id: details.requestId ?? null };
    case "key-manager":
      // barbican/api/__init__.py: pecan's JSON error with a title and Barbican's own description.
      return { code: status, title: reasonPhrase(status), description: message };
    case "placement":
      // placement/microversion.py: a version it cannot serve is a 406 with its range and no error code.
      if (status === 406) {
        return {
          errors: [
            {
              status,
              title: reasonPhrase(status),
              detail:
                "The resource could not be generated that was acceptable to your browser (content of type " +
                `application/json. \n\n Invalid microversion: ${message}`,
              request_id: details.requestId ?? null,
              max_version: details.versionRange?.max ?? null,
              min_version: details.versionRange?.min ?? null,
            },
          ],
        };
      }
      // placement/util.py json_error_formatter: a list of errors with a machine-readable code.
      return {
        errors: [
          {
            status,
            title: reasonPhrase(status),
            // webob's body with its tags stripped: the explanation, a blank line, the message, two spaces.
            detail: `${WEBOB_EXPLANATIONS[status] ?? reasonPhrase(status)}\n\n ${message}  `,
            request_id: details.requestId ?? null,
            code: "placement.undefined_code",
          },
        ],
      };
  }
}
