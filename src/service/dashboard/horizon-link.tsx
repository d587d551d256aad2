// A link to a resource in Horizon, when the operator configured the cloud's Horizon (`service.horizon` in
// stacksweep.yaml) and Horizon has a page for the resource type (its `horizonPath`).

import type { Child, FC } from "hono/jsx";
import type { FindingResource } from "../../findings/finding.ts";
import { resourceType } from "../../inventory/registry.ts";

/** Horizon's base URL per cloud name. */
export type HorizonUrls = Readonly<Record<string, string>>;

export function horizonUrl(horizon: HorizonUrls, resource: FindingResource): string | null {
  const base = horizon[resource.cloud];
  const path = resourceType(resource.type).horizonPath;
  if (base === undefined || path === undefined) return null;
  return `${base.replace(/\/+$/u, "")}${path.replace("{id}", encodeURIComponent(resource.id))}`;
}

export const HorizonLink: FC<{ horizon: HorizonUrls; resource: FindingResource; children?: Child }> = ({
  horizon,
  resource,
  children,
}) => {
  const url = horizonUrl(horizon, resource);
  return url === null ? null : (
    <a class="horizon" href={url} rel="noreferrer noopener" target="_blank">
      {children ?? "open in Horizon"}
    </a>
  );
};
