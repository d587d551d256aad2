// Id formats as the real services make them: Keystone uses 32 hex digits, every other service a dashed UUID.

import { randomUUID } from "node:crypto";

export function newUuid(): string {
  return randomUUID();
}

export function newKeystoneId(): string {
  return randomUUID().replaceAll("-", "");
}

export function newRequestId(): string {
  return `req-${randomUUID()}`;
}
