// Pulls the human explanation out of an OpenStack error body, whatever the service's shape, as one short line.

/**
 * Shapes: Nova/Cinder `{"itemNotFound": {"message": ...}}`, Neutron `{"NeutronError": {"message": ...}}`, Keystone
 * `{"error": {"message": ...}}`, Octavia `{"faultstring": ...}`, Placement `{"errors": [{"detail": ...}]}`,
 * Glance plain text or HTML.
 */
export function serviceMessage(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  let message: string | null;
  try {
    message = fromJson(JSON.parse(trimmed) as unknown);
  } catch {
    message = trimmed.replace(/<[^>]*>/g, " ");
  }
  if (message === null) return null;
  const line = message.replace(/\s+/g, " ").trim();
  if (line === "") return null;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function fromJson(body: unknown): string | null {
  if (typeof body === "string") return body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (typeof record.faultstring === "string") return record.faultstring;
  if (typeof record.message === "string") return record.message;
  if (Array.isArray(record.errors)) {
    const first = record.errors[0] as { detail?: unknown; title?: unknown } | undefined;
    if (typeof first?.detail === "string") return first.detail;
    if (typeof first?.title === "string") return first.title;
  }
  for (const value of Object.values(record)) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const inner = value as Record<string, unknown>;
      if (typeof inner.message === "string") return inner.message;
    }
    if (typeof value === "string" && (record.error === value || record.detail === value)) return value;
  }
  return null;
}
