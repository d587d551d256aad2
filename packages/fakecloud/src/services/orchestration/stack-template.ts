// What a stack's show takes from its template (Heat Zed, heat/engine/api.py format_stack): the template's
// description, every parameter as text (heat/engine/parameters.py Parameter.__str__) beside the HOT pseudo
// parameters, and the outputs with their values resolved. fakecloud creates no resources, so an output's value is
// resolved when it is a literal or a `get_param`; anything else (get_attr of a resource) resolves to null.

import { parse } from "yaml";

/** heat/engine/hot/template.py: a template without a description reads as this. */
export const NO_DESCRIPTION = "No description";

export interface StackTemplate {
  description: string;
  /** The template's parameter schemas by name (HOT `parameters`, CFN `Parameters`). */
  parameters: Record<string, Record<string, unknown>>;
  /** The template's outputs by name (HOT `outputs`, CFN `Outputs`). */
  outputs: Record<string, Record<string, unknown>>;
}

/** A scalar of a request body as Python's str() spells it; anything else as JSON. */
export const asString = (value: unknown): string =>
  typeof value === "string"
    ? value
    : typeof value === "boolean"
      ? value
        ? "True"
        : "False"
      : typeof value === "number" || typeof value === "bigint"
        ? String(value)
        : JSON.stringify(value);

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The template as create got it: an object, or JSON/YAML text. A template_url is not fetched: read as empty. */
export function readTemplate(raw: unknown): StackTemplate {
  let template = raw;
  if (typeof raw === "string") {
    try {
      template = parse(raw) as unknown;
    } catch {
      template = {};
    }
  }
  const t = asObject(template);
  const description = t["description"] ?? t["Description"];
  const sections = (name: string) =>
    Object.fromEntries(
      Object.entries(asObject(t[name] ?? t[name[0]!.toUpperCase() + name.slice(1)])).map(([k, v]) => [k, asObject(v)]),
    );
  return {
    description: description === undefined || description === null ? NO_DESCRIPTION : asString(description),
    parameters: sections("parameters"),
    outputs: sections("outputs"),
  };
}

/** Heat's text of one parameter value by its type (Python's str of a bool is True/False). */
function asText(type: unknown, value: unknown): string {
  const kind = asString(type ?? "string").toLowerCase();
  if (kind === "comma_delimited_list" || kind === "commadelimitedlist")
    return Array.isArray(value) ? value.map(asString).join(",") : asString(value);
  if (kind === "json") return typeof value === "string" ? value : JSON.stringify(value);
  if (kind === "boolean")
    return ["true", "1", "yes", "on", "t", "y"].includes(asString(value).toLowerCase()) ? "True" : "False";
  return asString(value);
}

export type ParameterResult =
  | { ok: true; values: Record<string, unknown>; text: Record<string, string> }
  | { ok: false; type: "UnknownUserParameter" | "UserParameterMissing"; key: string };

/** The user's values checked against the schemas (heat/engine/parameters.py validate), with the defaults filled in. */
export function resolveParameters(template: StackTemplate, given: Record<string, unknown>): ParameterResult {
  const unknown = Object.keys(given).find((key) => !(key in template.parameters));
  if (unknown !== undefined) return { ok: false, type: "UnknownUserParameter", key: unknown };
  const values: Record<string, unknown> = {};
  const text: Record<string, string> = {};
  for (const [name, schema] of Object.entries(template.parameters)) {
    const value = given[name] ?? schema["default"] ?? schema["Default"];
    if (value === undefined || value === null) return { ok: false, type: "UserParameterMissing", key: name };
    values[name] = value;
    const hidden = schema["hidden"] === true || String(schema["NoEcho"]).toLowerCase() === "true";
    text[name] = hidden ? "******" : asText(schema["type"] ?? schema["Type"], value);
  }
  return { ok: true, values, text };
}

/** heat/engine/api.py format_stack_output: key, description ("No description given" when none) and value. */
export function resolveOutputs(template: StackTemplate, values: Record<string, unknown>): Record<string, unknown>[] {
  return Object.entries(template.outputs).map(([key, output]) => {
    const raw = output["value"] ?? output["Value"];
    // An intrinsic function is a map of one key (get_param, get_attr, Fn::GetAtt, Ref, ...); any other value is literal.
    const fn = asObject(raw);
    const isFunction = Object.keys(fn).length === 1;
    const param = fn["get_param"] ?? fn["Ref"];
    const value = !isFunction ? (raw ?? null) : typeof param === "string" ? (values[param] ?? null) : null;
    const description = output["description"] ?? output["Description"];
    return {
      output_key: key,
      description: description === undefined || description === null ? "No description given" : asString(description),
      output_value: value,
    };
  });
}
