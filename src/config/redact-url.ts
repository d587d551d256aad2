// A URL's userinfo (`http://user:password@host`) is a credential wherever the URL came from (auth_url, endpoint
// overrides, OS_AUTH_URL): this is the one rule that removes it before a URL is logged, stored, reported or shown.

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/** Replaces the userinfo of every URL in a text (`http://user:pass@host/v3` → `http://***@host/v3`). */
export function redactUrlUserinfo(text: string): string {
  return text.replace(URL_USERINFO, "$1***@");
}
