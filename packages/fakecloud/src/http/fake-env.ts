// The Hono environment every fakecloud route runs in: what the framework's middleware has already
// worked out about the request (service, request id, caller, microversion, active faults).

import type { HttpBindings } from "@hono/node-server";
import type { ServiceType } from "@stacksweep/names";
import type { Token } from "../state/token-store.ts";
import type { ApiVersion } from "./microversion.ts";

/** The caller, from a valid X-Auth-Token. */
export interface AuthContext {
  token: Token;
  userId: string;
  /** Null only for an unscoped token, which only Keystone accepts; every other service gets a project. */
  projectId: string | null;
  roleNames: ReadonlySet<string>;
  /** Holds the `admin` role: what the services' default policies mean by "admin". */
  isAdmin: boolean;
}

export interface FakeEnv {
  /** Filled when served over a socket by @hono/node-server; empty when the app's `fetch` is called directly. */
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    service: ServiceType;
    /** Set by the auth middleware on every route that is not public. */
    auth: AuthContext | undefined;
    /** Set on services with microversions. */
    microversion: ApiVersion | undefined;
    /** A `repeat-marker` fault matched this request: the next link repeats the request's marker. */
    repeatMarker: boolean;
  };
}
