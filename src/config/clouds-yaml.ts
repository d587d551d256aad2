// Finds and loads clouds.yaml and secure.yaml in openstacksdk's search order, and merges secure.yaml over it.

import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "./errors.ts";
import { readYamlFile, type ParsedFile } from "./yaml-file.ts";

const SUFFIXES = [".yaml", ".yml", ".json"] as const;

/** The directories openstacksdk searches, in order: the working directory, the user's, then the site's. */
export function configSearchDirs(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const home = env.HOME ?? homedir();
  const userDir = join(home, ".config", "openstack");
  const xdgUserDir = env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, "openstack") : userDir;
  const xdgSiteDir = join((env.XDG_CONFIG_DIRS ?? "/etc/xdg").split(":")[0] ?? "/etc/xdg", "openstack");
  return [...new Set([cwd, xdgUserDir, userDir, xdgSiteDir, "/etc/openstack"])];
}

export function candidateFiles(base: "clouds" | "secure", env: NodeJS.ProcessEnv, cwd: string): string[] {
  return configSearchDirs(env, cwd).flatMap((dir) => SUFFIXES.map((suffix) => join(dir, base + suffix)));
}

export interface CloudsConfig {
  /** The clouds.yaml that was read, if any. */
  file: ParsedFile | undefined;
  secureFile: ParsedFile | undefined;
  /** Merged `clouds` mapping (secure.yaml over clouds.yaml), keyed by cloud name. */
  clouds: Record<string, Record<string, unknown>>;
  /** Files searched, for the "no clouds.yaml found" message. */
  searched: string[];
}

export function loadCloudsConfig(env: NodeJS.ProcessEnv, cwd: string): CloudsConfig {
  const cloudsCandidates = candidateFiles("clouds", env, cwd);
  const secureCandidates = candidateFiles("secure", env, cwd);
  const file = loadFirst(env.OS_CLIENT_CONFIG_FILE, "OS_CLIENT_CONFIG_FILE", cloudsCandidates);
  const secureFile = loadFirst(env.OS_CLIENT_SECURE_FILE, "OS_CLIENT_SECURE_FILE", secureCandidates);
  const clouds = file === undefined ? {} : cloudsOf(file);
  if (secureFile !== undefined) {
    for (const [name, entry] of Object.entries(cloudsOf(secureFile))) {
      clouds[name] = deepMerge(clouds[name] ?? {}, entry);
    }
  }
  return { file, secureFile, clouds, searched: [env.OS_CLIENT_CONFIG_FILE, ...cloudsCandidates].filter(isString) };
}

function isString(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}

/** An explicitly named file must exist; of the searched ones, the first that exists wins (as in openstacksdk). */
function loadFirst(explicit: string | undefined, variable: string, candidates: string[]): ParsedFile | undefined {
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new ConfigError({ file: explicit, key: "", expected: `file not found (named by ${variable})` });
    }
    return readYamlFile(explicit);
  }
  const found = candidates.find((path) => existsSync(path));
  return found === undefined ? undefined : readYamlFile(found);
}

function cloudsOf(file: ParsedFile): Record<string, Record<string, unknown>> {
  const data = file.data;
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError({ file: file.path, key: "", expected: "a mapping with a `clouds` key at the top level" });
  }
  const clouds = (data as Record<string, unknown>).clouds;
  if (clouds === undefined || clouds === null) return {};
  if (typeof clouds !== "object" || Array.isArray(clouds)) {
    throw new ConfigError({
      file: file.path,
      key: "clouds",
      expected: "a mapping of cloud names to settings",
      ...file.locate(["clouds"]),
    });
  }
  const result: Record<string, Record<string, unknown>> = {};
  for (const [name, entry] of Object.entries(clouds as Record<string, unknown>)) {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      throw new ConfigError({
        file: file.path,
        key: `clouds.${name}`,
        expected: "a mapping (auth, region_name, ...)",
        ...file.locate(["clouds", name]),
      });
    }
    result[name] = entry as Record<string, unknown>;
  }
  return result;
}

/** openstacksdk's merge_clouds: nested mappings merge, anything else is replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = result[key];
    result[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
