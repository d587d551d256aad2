// Loads a scenario into a cloud's state: identity first (domains, projects, users, role grants), then the
// resources of every type through the seeder its service module registered. Two passes, so that a record
// may reference one declared after it: ids are assigned first, then references and relative times resolved.

import { RESOURCE_TYPE_IDS, type ResourceTypeId } from "@stacksweep/names";
import { formatTime, type TimeFormat } from "../http/time-format.ts";
import type { Seeder, SeedContext } from "../service-module.ts";
import type { CloudState } from "../state/cloud-state.ts";
import type { ResourceRecord } from "../state/collection.ts";
import { newKeystoneId, newUuid } from "../state/ids.ts";
import { parseRelativeTime } from "./relative-time.ts";
import { InvalidFieldError, ScenarioError } from "./scenario-error.ts";
import { scenarioSchema, type ParsedScenario, type Scenario } from "./scenario.ts";

export interface SeedOutcome {
  /** Records added per resource type. */
  added: Partial<Record<ResourceTypeId, number>>;
}

/** Another region of the cloud: its own state (sharing the first region's Keystone) and its modules' seeders. */
export interface RegionSeeding {
  state: CloudState;
  seeders: ReadonlyMap<ResourceTypeId, Seeder>;
}

/** Names that `@kind/name` references resolve to ids: `@project/acme`, `@compute.server/web-1`. */
export type References = Map<string, string>;

const REFERENCE = /^@([a-z.-]+)\/(.+)$/;

/**
 * Replaces `@kind/name` references and relative times (`-2h`) in a value, recursively. Objects and arrays
 * are copied only when something in them changed: seeding 100k records must not copy every field.
 */
export function resolveValue(
  value: unknown,
  refs: References,
  now: Date,
  timeFormat: TimeFormat,
  where: string,
): unknown {
  if (typeof value === "string") {
    const first = value.charCodeAt(0);
    // Only "@...", "now", "+..." and "-..." can be special; every other string is returned untouched.
    if (first !== 64 /* @ */ && first !== 43 /* + */ && first !== 45 /* - */ && value !== "now") return value;
    const reference = REFERENCE.exec(value);
    if (reference !== null) {
      const id = refs.get(`${reference[1]!}/${reference[2]!}`);
      if (id === undefined) throw new ScenarioError(where, `unknown reference ${value}`);
      return id;
    }
    const time = parseRelativeTime(value, now);
    return time === undefined ? value : formatTime(time, timeFormat);
  }
  if (Array.isArray(value)) {
    const list = value as unknown[];
    let copy: unknown[] | undefined;
    list.forEach((item, index) => {
      const resolved = resolveValue(item, refs, now, timeFormat, `${where}[${index}]`);
      if (resolved !== item) (copy ??= [...list])[index] = resolved;
    });
    return copy ?? list;
  }
  if (value !== null && typeof value === "object") {
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      const resolved = resolveValue(item, refs, now, timeFormat, `${where}.${key}`);
      if (resolved !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = resolved;
    }
    return copy ?? value;
  }
  return value;
}

function findDomainId(state: CloudState, refs: References, nameOrId: string, where: string): string {
  const domains = state.collection("identity.domain");
  if (domains.has(nameOrId)) return nameOrId;
  const byName = refs.get(`domain/${nameOrId}`);
  if (byName !== undefined) return byName;
  for (const domain of domains.values()) if (domain["name"] === nameOrId) return domain.id;
  throw new ScenarioError(where, `unknown domain "${nameOrId}"`);
}

function findProjectId(state: CloudState, refs: References, nameOrId: string, where: string): string {
  const byName = refs.get(`project/${nameOrId}`);
  if (byName !== undefined) return byName;
  const projects = state.collection("identity.project");
  if (projects.has(nameOrId)) return nameOrId;
  for (const project of projects.values()) if (project["name"] === nameOrId) return project.id;
  throw new ScenarioError(where, `unknown project "${nameOrId}"`);
}

/** The references every cloud has: its projects, users and domains by name. */
export function existingReferences(state: CloudState): References {
  const refs: References = new Map();
  for (const domain of state.collection("identity.domain").values())
    refs.set(`domain/${String(domain["name"])}`, domain.id);
  for (const project of state.collection("identity.project").values())
    refs.set(`project/${String(project["name"])}`, project.id);
  for (const user of state.identity.users.values()) refs.set(`user/${user.name}`, user.id);
  return refs;
}

/**
 * Seeds `input` into `state`, adding to what is there. Throws `ScenarioError` naming the scenario key on
 * invalid input; the format is checked before anything is added, a record's fields as it is added.
 */
export function seedScenario(
  state: CloudState,
  seeders: ReadonlyMap<ResourceTypeId, Seeder>,
  input: Scenario,
  ctx: Omit<SeedContext, "state">,
  regions: ReadonlyMap<string, RegionSeeding> = new Map(),
): SeedOutcome {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioError(issue.path.join(".") || "(scenario)", issue.message);
  }
  const scenario = parsed.data;
  const refs = existingReferences(state);
  const added: Partial<Record<ResourceTypeId, number>> = {};
  const count = (type: ResourceTypeId): void => {
    added[type] = (added[type] ?? 0) + 1;
  };
  const first: RegionSeeding = { state, seeders };
  const seederFor = (type: ResourceTypeId, where: string, region = first): Seeder => {
    const seeder = region.seeders.get(type);
    if (seeder === undefined) throw new ScenarioError(where, `no service module seeds ${type} yet`);
    return seeder;
  };
  const insert = (type: ResourceTypeId, partial: ResourceRecord, where: string, region = first): void => {
    let record: ResourceRecord;
    try {
      record = seederFor(type, where, region).build(partial, { ...ctx, state: region.state });
    } catch (error) {
      if (error instanceof InvalidFieldError) throw new ScenarioError(`${where}.${error.field}`, error.problem);
      throw error;
    }
    const collection = region.state.collection(type);
    if (collection.has(record.id)) throw new ScenarioError(`${where}.id`, `duplicate id ${record.id}`);
    collection.insert(record);
    count(type);
  };

  if (scenario.identity?.listLimit !== undefined) state.identity.listLimit = scenario.identity.listLimit;

  scenario.domains?.forEach((domain, index) => {
    const id = domain.id ?? newKeystoneId();
    refs.set(`domain/${domain.name}`, id);
    const partial: ResourceRecord = { id, name: domain.name };
    if (domain.description !== undefined) partial["description"] = domain.description;
    if (domain.enabled !== undefined) partial["enabled"] = domain.enabled;
    insert("identity.domain", partial, `domains[${index}]`);
  });

  scenario.projects?.forEach((project, index) => {
    const where = `projects[${index}]`;
    const id = project.id ?? newKeystoneId();
    refs.set(`project/${project.name}`, id);
    if (project.deleted === true) return; // owns resources, but Keystone no longer has it
    const partial: ResourceRecord = {
      id,
      name: project.name,
      domain_id: findDomainId(state, refs, project.domain ?? "default", `${where}.domain`),
    };
    if (project.description !== undefined) partial["description"] = project.description;
    if (project.enabled !== undefined) partial["enabled"] = project.enabled;
    if (project.tags !== undefined) partial["tags"] = project.tags;
    insert("identity.project", partial, where);
  });

  scenario.users?.forEach((user, index) => {
    const where = `users[${index}]`;
    const id = user.id ?? newKeystoneId();
    const domainId = findDomainId(state, refs, user.domain ?? "default", `${where}.domain`);
    if (state.identity.findUserByName(user.name, domainId) !== undefined) {
      throw new ScenarioError(`${where}.name`, `a user named "${user.name}" already exists in domain ${domainId}`);
    }
    state.identity.users.set(id, {
      id,
      name: user.name,
      domainId,
      password: user.password,
      enabled: user.enabled ?? true,
      defaultProjectId: null,
    });
    refs.set(`user/${user.name}`, id);
    user.roles?.forEach((grant, grantIndex) => {
      const role = state.identity.findRoleByName(grant.role);
      if (role === undefined)
        throw new ScenarioError(`${where}.roles[${grantIndex}].role`, `unknown role "${grant.role}"`);
      state.identity.assign(
        id,
        findProjectId(state, refs, grant.project, `${where}.roles[${grantIndex}].project`),
        role.id,
      );
    });
  });

  scenario.applicationCredentials?.forEach((credential, index) => {
    const where = `applicationCredentials[${index}]`;
    const userId = refs.get(`user/${credential.user}`);
    if (userId === undefined) throw new ScenarioError(`${where}.user`, `unknown user "${credential.user}"`);
    const projectId = findProjectId(state, refs, credential.project, `${where}.project`);
    const roleIds = (credential.roles ?? state.identity.effectiveRoles(userId, projectId).map((role) => role.name)).map(
      (name, roleIndex) => {
        const role = state.identity.findRoleByName(name);
        if (role === undefined) throw new ScenarioError(`${where}.roles[${roleIndex}]`, `unknown role "${name}"`);
        return role.id;
      },
    );
    const id = credential.id ?? newKeystoneId();
    state.identity.applicationCredentials.set(id, {
      id,
      name: credential.name,
      secret: credential.secret,
      userId,
      projectId,
      roleIds,
      expiresAt: null,
    });
  });

  scenario.identityProviders?.forEach((provider, index) => {
    state.identity.identityProviders.set(provider.id, {
      id: provider.id,
      protocol: provider.protocol,
      introspectionEndpoint: provider.introspectionEndpoint,
      clientId: provider.clientId ?? null,
      clientSecret: provider.clientSecret ?? null,
      userClaim: provider.userClaim,
      domainId: findDomainId(state, refs, provider.domain ?? "default", `identityProviders[${index}].domain`),
    });
  });

  seedResources(scenario.resources ?? {}, "resources", first);
  for (const [name, region] of Object.entries(scenario.regions ?? {})) {
    const served = name === state.region ? first : regions.get(name);
    if (served === undefined) {
      throw new ScenarioError(
        `regions.${name}`,
        `this fakecloud serves no region ${name} (it serves ${[state.region, ...regions.keys()].join(", ")}; a cloud's regions are those of the scenario it starts with)`,
      );
    }
    seedResources(region.resources ?? {}, `regions.${name}.resources`, served);
  }
  /** The records of one region, through that region's seeders into its state (Keystone's records are shared). */
  function seedResources(resources: NonNullable<ParsedScenario["resources"]>, at: string, region: RegionSeeding): void {
    // Pass 1: every record gets its id, so references may point forwards.
    const pending: { type: ResourceTypeId; partial: Record<string, unknown>; id: string; where: string }[] = [];
    for (const type of RESOURCE_TYPE_IDS) {
      resources[type]?.forEach((raw, index) => {
        const where = `${at}.${type}[${index}]`;
        seederFor(type, where, region);
        const { $ref, ...partial } = raw;
        const id =
          typeof partial["id"] === "string"
            ? partial["id"]
            : type.startsWith("identity.")
              ? newKeystoneId()
              : newUuid();
        const refName =
          typeof $ref === "string" ? $ref : typeof partial["name"] === "string" ? partial["name"] : undefined;
        if (refName !== undefined) refs.set(`${type}/${refName}`, id);
        pending.push({ type, partial, id, where });
      });
    }
    // Pass 2: resolve and build.
    for (const { type, partial, id, where } of pending) {
      const timeFormat = seederFor(type, where, region).timeFormat;
      const resolved = resolveValue(partial, refs, ctx.now, timeFormat, where) as Record<string, unknown>;
      // resolveValue copied the record if anything in it changed; only an untouched input needs copying here.
      const record = resolved === partial ? { ...partial } : resolved;
      record["id"] = id;
      insert(type, record as ResourceRecord, where, region);
    }
  }
  return { added };
}
