// The `database` entry of a `deep:` target in stacksweep.yaml: how to reach each service's own database, by URL or
// by the service's own config file (its `[database] connection`, Nova's `[api_database] connection`).
import * as z from "zod";

/** The services whose databases stacksweep reads, in OpenStack's project names (one database each; Nova's cells too). */
export const DATABASE_SERVICES = ["nova", "cinder", "octavia", "glance", "placement", "barbican", "keystone"] as const;

export type DatabaseService = (typeof DATABASE_SERVICES)[number];

const where = {
  /**
   * The name of an environment variable holding the password, so that it stays out of stacksweep.yaml; it overrides
   * any password in the URL or config file.
   */
  passwordEnv: z.string().min(1).optional(),
};

export const databaseConnectionSchema = z.union([
  /** `mysql+pymysql://user:password@host:port/glance`, `postgresql://...`: SQLAlchemy's URL, as oslo.db takes it. */
  z.strictObject({ url: z.string().min(1), ...where }),
  /** The service's own config file (`/etc/glance/glance-api.conf`), read for `[database] connection`. */
  z.strictObject({ config: z.string().min(1), ...where }),
]);

export type DatabaseConnectionSettings = z.infer<typeof databaseConnectionSchema>;

export const databaseSettingsSchema = z.strictObject({
  /**
   * Nova's API database (`[api_database] connection` of nova.conf); its cells' databases are read from its
   * `cell_mappings` unless `novaCells` names them.
   */
  nova: databaseConnectionSchema.optional(),
  /** Cell name → URL, for cells whose mapped URL is not reachable from the scanner (or holds a template). */
  novaCells: z.record(z.string().min(1), z.string().min(1)).optional(),
  cinder: databaseConnectionSchema.optional(),
  octavia: databaseConnectionSchema.optional(),
  glance: databaseConnectionSchema.optional(),
  placement: databaseConnectionSchema.optional(),
  /** Barbican's (`[DEFAULT] sql_connection` of barbican.conf): the one way to list every project's secrets. */
  barbican: databaseConnectionSchema.optional(),
  /** Keystone's (`[database] connection` of keystone.conf): the one way to list every user's application credentials. */
  keystone: databaseConnectionSchema.optional(),
  /** How long one SELECT may run before it is abandoned (and its listing fails). */
  statementTimeoutSeconds: z.number().positive().max(3600).default(60),
  connectTimeoutSeconds: z.number().positive().max(600).default(10),
});

export type DatabaseSettings = z.infer<typeof databaseSettingsSchema>;
