// Issued Keystone tokens. Expiry is checked on every use, and a fault can revoke every token at once
// (a keystone restart with rotated fernet keys looks exactly like that to a client).

import { randomBytes, randomUUID } from "node:crypto";

export interface Token {
  id: string;
  userId: string;
  /** Null for an unscoped token: it can only be validated or exchanged, no service accepts it. */
  projectId: string | null;
  roleIds: string[];
  methods: string[];
  issuedAt: Date;
  expiresAt: Date;
  auditId: string;
  applicationCredentialId: string | null;
}

export class TokenStore {
  private readonly tokens = new Map<string, Token>();

  constructor(private readonly ttlSeconds: number) {}

  issue(fields: Omit<Token, "id" | "issuedAt" | "expiresAt" | "auditId">, at = new Date()): Token {
    // Fernet tokens carry whole seconds: keystone prints them as "...T01:42:57.000000Z".
    const now = new Date(Math.floor(at.getTime() / 1000) * 1000);
    // Fernet tokens start with "gAAAAA" and are ~180 characters; clients should treat them as opaque anyway.
    const token: Token = {
      ...fields,
      id: `gAAAAA${randomBytes(132).toString("base64url")}`,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000),
      auditId: randomUUID().replaceAll("-", "").slice(0, 22),
    };
    this.tokens.set(token.id, token);
    return token;
  }

  /** The token if it exists and has not expired; expired tokens are dropped on sight. */
  validate(id: string, now = new Date()): Token | undefined {
    const token = this.tokens.get(id);
    if (token === undefined) return undefined;
    if (token.expiresAt.getTime() <= now.getTime()) {
      this.tokens.delete(id);
      return undefined;
    }
    return token;
  }

  revoke(id: string): boolean {
    return this.tokens.delete(id);
  }

  /** Invalidates every issued token: the next request with any of them gets a 401. */
  expireAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  get size(): number {
    return this.tokens.size;
  }
}
