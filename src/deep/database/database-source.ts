// The `database` source: the services' own databases, read in read-only sessions opened on first use (one per
// database, shared by the listings that read it) and closed with the source. A database that cannot be opened
// fails every listing that reads it, with the same one line.
import type { DeepListContext, DeepListing, DeepSource } from "../deep-source.ts";
import { parseDatabaseUrl, type DatabaseUrl } from "./database-url.ts";
import type { DatabaseReader } from "./database-listing.ts";
import { DATABASE_LISTINGS } from "./listings.ts";
import { readOsloOption } from "./oslo-config.ts";
import { DatabaseReadError, openReadOnlyDatabase, type ReadOnlyDatabase } from "./read-only-database.ts";
import type { DatabaseConnectionSettings, DatabaseService, DatabaseSettings } from "./settings.ts";

/**
 * Where a service's config file names its database, in order: Nova's own is its API database (the cells' come
 * from its cell_mappings); placement reads `[placement_database]` since it left Nova, `[database]` before.
 */
const CONFIG_SECTIONS: Partial<Record<DatabaseService, readonly string[]>> = {
  nova: ["api_database"],
  placement: ["placement_database", "database"],
  barbican: ["DEFAULT"],
};

/** Barbican names its database `sql_connection` (barbican/common/config.py); the others `connection`. */
const CONFIG_OPTIONS: Partial<Record<DatabaseService, string>> = { barbican: "sql_connection" };

export class DatabaseSource implements DeepSource {
  readonly id = "database";
  readonly #settings: DatabaseSettings;
  readonly #where: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #open = new Map<string, Promise<ReadOnlyDatabase>>();
  #cells: Promise<{ name: string; database: Promise<ReadOnlyDatabase> }[]> | undefined;

  constructor(settings: DatabaseSettings, where: { cloud: string; region: string }, env = process.env) {
    this.#settings = settings;
    this.#where = `${where.cloud} region ${where.region}`;
    this.#env = env;
  }

  standsInFor(type: string): boolean {
    const listing = DATABASE_LISTINGS.get(type);
    return listing !== undefined && listing.standsIn && listing.services.every((s) => this.#settings[s] !== undefined);
  }

  async list(type: string, _context: DeepListContext): Promise<DeepListing> {
    const listing = DATABASE_LISTINGS.get(type);
    if (listing === undefined) throw new Error(`the database source has no listing of ${type}`);
    const missing = listing.services.filter((service) => this.#settings[service] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `needs the ${missing.join(" and ")} database${missing.length > 1 ? "s" : ""}, which deep: database does not name for ${this.#where}`,
      );
    }
    let requests = 0;
    const reader: DatabaseReader = {
      select: async (service, sql, params) => {
        const database = await this.#database(service);
        requests += 1;
        return database.select(sql, params);
      },
      selectCells: async (sql, params) => {
        const found = new Map<string, Record<string, unknown>[]>();
        for (const cell of await this.#novaCells(() => (requests += 1))) {
          const database = await cell.database;
          requests += 1;
          found.set(cell.name, await database.select(sql, params));
        }
        return found;
      },
    };
    const records = await listing.list(reader);
    return { records, requests };
  }

  async close(): Promise<void> {
    const cells = this.#cells === undefined ? [] : await this.#cells.catch(() => []);
    const all = [...this.#open.values(), ...cells.map((cell) => cell.database)];
    await Promise.all(all.map((opened) => opened.then((database) => database.close()).catch(() => undefined)));
  }

  #database(service: DatabaseService): Promise<ReadOnlyDatabase> {
    let opened = this.#open.get(service);
    if (opened === undefined) {
      opened = this.#resolve(service).then((url) => this.#connect(service, url));
      // A database that cannot be opened is reported by each listing that reads it, not as an unhandled rejection.
      opened.catch(() => undefined);
      this.#open.set(service, opened);
    }
    return opened;
  }

  /** Nova's cells from its API database's `cell_mappings` (one SELECT), each opened on first use. */
  #novaCells(count: () => void): Promise<{ name: string; database: Promise<ReadOnlyDatabase> }[]> {
    this.#cells ??= (async () => {
      const api = await this.#database("nova");
      count();
      const rows = await api.select("SELECT name, database_connection FROM cell_mappings ORDER BY id");
      return rows.map((row) => {
        const name = typeof row.name === "string" ? row.name : "unnamed";
        const database = (async () => {
          const override = this.#settings.novaCells?.[name];
          const text = override ?? (typeof row.database_connection === "string" ? row.database_connection : "");
          // Nova allows templated cell URLs ({username}, {password}, ... filled from nova.conf): not ours to fill.
          if (override === undefined && /\{\w+\}/.test(text)) {
            throw new Error(
              `nova cell ${name}: its database_connection is a template; name its URL in deep: database.novaCells.${name}`,
            );
          }
          const origin =
            override === undefined
              ? `nova cell ${name} (cell_mappings.database_connection)`
              : `deep: database.novaCells.${name}`;
          const url = parseDatabaseUrl(text, origin);
          if (override !== undefined) return this.#connect(`nova cell ${name}`, url);
          // The mapping names Nova's own user: stacksweep reads the cell with the user it was given for Nova's API
          // database (the dedicated one holding GRANT SELECT), at the host and database the mapping names.
          const api = await this.#resolve("nova");
          return this.#connect(`nova cell ${name}`, {
            ...url,
            user: api.user,
            password: api.password,
            ...credentials(api),
          });
        })();
        database.catch(() => undefined);
        return { name, database };
      });
    })();
    return this.#cells;
  }

  async #resolve(service: DatabaseService): Promise<DatabaseUrl & { passwordOverride?: string }> {
    const settings = this.#settings[service] as DatabaseConnectionSettings;
    const password = settings.passwordEnv === undefined ? undefined : this.#env[settings.passwordEnv];
    if (settings.passwordEnv !== undefined && (password === undefined || password === "")) {
      throw new Error(
        `the environment variable ${settings.passwordEnv} (deep: database.${service}.passwordEnv) is not set`,
      );
    }
    let url: DatabaseUrl;
    if ("url" in settings) url = parseDatabaseUrl(settings.url, `deep: database.${service}.url`);
    else {
      const { section, text } = await readOsloOption(
        settings.config,
        CONFIG_SECTIONS[service] ?? ["database"],
        CONFIG_OPTIONS[service] ?? "connection",
      );
      url = parseDatabaseUrl(text, `${settings.config} [${section}] ${CONFIG_OPTIONS[service] ?? "connection"}`);
    }
    return password === undefined ? url : { ...url, passwordOverride: password };
  }

  #connect(service: string, url: DatabaseUrl & { passwordOverride?: string }): Promise<ReadOnlyDatabase> {
    return openReadOnlyDatabase({
      service,
      url,
      password: url.passwordOverride,
      connectTimeoutMs: this.#settings.connectTimeoutSeconds * 1000,
      statementTimeoutMs: this.#settings.statementTimeoutSeconds * 1000,
    }).catch((error: unknown) => {
      throw error instanceof DatabaseReadError ? error : new DatabaseReadError(String(error));
    });
  }
}

function credentials(url: DatabaseUrl & { passwordOverride?: string }): { passwordOverride?: string } {
  return url.passwordOverride === undefined ? {} : { passwordOverride: url.passwordOverride };
}
