// Keeps secrets out of every log line, debug trace and error: headers by name, body fields by name, and any
// known secret value (password, application credential secret, issued tokens) wherever it appears in text.

import { redactUrlUserinfo } from "../../config/redact-url.ts";

const SENSITIVE_HEADERS = new Set(["x-auth-token", "x-subject-token", "authorization", "cookie", "set-cookie"]);

/** Body keys whose values are secrets in Keystone requests and responses. */
const SENSITIVE_KEY =
  /^(password|secret|token|passcode|application_credential_secret|admin_pass|adminpass|auth_token)$/i;

export const CENSOR = "***";

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Remembers a secret value; short ones are ignored to avoid censoring common words. */
  add(value: string | undefined): void {
    if (value !== undefined && value.length >= 4) this.#secrets.add(value);
  }

  text(value: string): string {
    let result = redactUrlUserinfo(value);
    for (const secret of this.#secrets) {
      if (result.includes(secret)) result = result.split(secret).join(CENSOR);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && result.includes(encoded)) result = result.split(encoded).join(CENSOR);
    }
    return result;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      result[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? CENSOR : this.text(value);
    }
    return result;
  }

  body(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.body(item));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          SENSITIVE_KEY.test(key) &&
          (typeof item === "string" ||
            (item !== null && typeof item === "object" && !Array.isArray(item) && "id" in item))
            ? CENSOR
            : this.body(item),
        ]),
      );
    }
    return value;
  }
}
