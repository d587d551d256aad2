// Typed errors of the OpenStack layer. Each message is one line an operator can act on; none carries a secret
// (messages and service bodies pass through the redactor before they get here).

import type { ServiceType } from "../config/service-type.ts";

export class OpenStackError extends Error {
  override readonly name: string = "OpenStackError";
}

/** Keystone refused the credentials, or a token stayed invalid after one re-authentication. */
export class AuthError extends OpenStackError {
  override readonly name = "AuthError";
  readonly status: number | null;
  readonly requestId: string | null;

  constructor(message: string, details: { status?: number | null; requestId?: string | null } = {}) {
    super(message);
    this.status = details.status ?? null;
    this.requestId = details.requestId ?? null;
  }
}

/** The catalog has no endpoint for what was asked: names the service, region and interface, and what exists. */
export class CatalogError extends OpenStackError {
  override readonly name = "CatalogError";
  readonly service: string;
  readonly region: string | null;
  readonly interface: string;

  constructor(message: string, details: { service: string; region: string | null; interface: string }) {
    super(message);
    this.service = details.service;
    this.region = details.region;
    this.interface = details.interface;
  }
}

/** A service answered with a status the caller did not accept. */
export class OpenStackApiError extends OpenStackError {
  override readonly name = "OpenStackApiError";
  readonly service: ServiceType;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly requestId: string | null;
  /** The service's own explanation (`badRequest.message`, `NeutronError.message`, `faultstring`, ...). */
  readonly serviceMessage: string | null;

  constructor(details: {
    service: ServiceType;
    method: string;
    path: string;
    status: number;
    requestId: string | null;
    serviceMessage: string | null;
  }) {
    const because = details.serviceMessage ? `: ${details.serviceMessage}` : "";
    const id = details.requestId ? ` (request ${details.requestId})` : "";
    super(`${details.service} ${details.method} ${details.path} answered ${details.status}${because}${id}`);
    this.service = details.service;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.requestId = details.requestId;
    this.serviceMessage = details.serviceMessage;
  }
}

/** Keystone answered `"truncated": true`: its `list_limit` hid part of the list, so the list is incomplete. */
export class TruncatedListingError extends OpenStackError {
  override readonly name = "TruncatedListingError";
  readonly service: ServiceType;
  readonly path: string;
  readonly received: number;

  constructor(service: ServiceType, path: string, received: number) {
    super(
      `${service} GET ${path} is truncated after ${received} items (Keystone's [DEFAULT] list_limit or the ` +
        `resource's list_limit hides the rest); raise it for the scanning user's listing to be complete`,
    );
    this.service = service;
    this.path = path;
    this.received = received;
  }
}

/** A paginated listing pointed back at a page already read; following it would loop forever. */
export class PaginationLoopError extends OpenStackError {
  override readonly name = "PaginationLoopError";
  readonly service: ServiceType;
  readonly path: string;
  readonly marker: string;

  constructor(service: ServiceType, path: string, marker: string) {
    super(`${service} GET ${path}: the next link repeats marker ${marker}; stopped instead of looping`);
    this.service = service;
    this.path = path;
    this.marker = marker;
  }
}

/** The service cannot serve the microversion we need (406, or our minimum is above its maximum). */
export class MicroversionError extends OpenStackError {
  override readonly name = "MicroversionError";
  readonly service: ServiceType;
  readonly requested: string | null;
  readonly serverMin: string | null;
  readonly serverMax: string | null;

  constructor(
    message: string,
    details: { service: ServiceType; requested: string | null; serverMin: string | null; serverMax: string | null },
  ) {
    super(message);
    this.service = details.service;
    this.requested = details.requested;
    this.serverMin = details.serverMin;
    this.serverMax = details.serverMax;
  }
}

/** The endpoint could not be reached, or did not answer in time, after every retry. */
export class ConnectionError extends OpenStackError {
  override readonly name = "ConnectionError";
  readonly url: string;
  readonly code: string | null;

  constructor(message: string, details: { url: string; code?: string | null }) {
    super(message);
    this.url = details.url;
    this.code = details.code ?? null;
  }
}
