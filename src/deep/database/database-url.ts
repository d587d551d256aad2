// SQLAlchemy's database URLs as oslo.db takes them (`mysql+pymysql://user:pass@host:3306/nova?charset=utf8`,
// `postgresql+psycopg2://...`), parsed into what a driver needs. The password is kept apart from everything that can
// be shown, so an error or log line names the database by `where` alone.

export type SqlDialect = "mysql" | "postgresql";

export interface DatabaseUrl {
  dialect: SqlDialect;
  user: string;
  password: string | undefined;
  host: string;
  port: number;
  database: string;
  /** A Unix socket (`?unix_socket=` for MySQL, `?host=/run/postgresql` for PostgreSQL), used instead of host:port. */
  socket: string | undefined;
  /** `host:port/database` (or `socket/database`): names the database without its credentials. */
  where: string;
}

/** What SQLAlchemy calls the dialect before `+driver`; MariaDB is MySQL's dialect. */
const DIALECTS: Readonly<Record<string, SqlDialect>> = {
  mysql: "mysql",
  mariadb: "mysql",
  postgresql: "postgresql",
  postgres: "postgresql",
};

/** Throws a one-line error that names `origin` (a settings key or config file) and never the URL's password. */
export function parseDatabaseUrl(text: string, origin: string): DatabaseUrl {
  const scheme = /^([a-z]+)(\+[a-z0-9_]+)?:\/\//i.exec(text.trim());
  const dialect = scheme === null ? undefined : DIALECTS[scheme[1]!.toLowerCase()];
  if (scheme === null || dialect === undefined) {
    const shown = scheme === null ? "no dialect://" : `${scheme[1]}${scheme[2] ?? ""}://`;
    throw new Error(`${origin}: expected a mysql+pymysql://, mysql:// or postgresql:// database URL, got ${shown}...`);
  }
  let url: URL;
  try {
    // Any scheme WHATWG parses the same way as http: keep the authority and path, drop the driver.
    // SQLAlchemy allows an empty host (`postgresql://nova@/nova_api?host=/run/postgresql`: a Unix socket).
    const rest = text
      .trim()
      .slice(scheme[0].length)
      .replace(/^([^/?#@]*@)?(?=[/?#]|$)/, "$1localhost");
    url = new URL(`http://${rest}`);
  } catch {
    throw new Error(
      `${origin}: the ${scheme[1]} database URL is malformed (expected user:password@host:port/database)`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (database === "") throw new Error(`${origin}: the database URL names no database (…@host:port/<database>)`);
  const socket =
    (dialect === "mysql" ? url.searchParams.get("unix_socket") : url.searchParams.get("host")) ?? undefined;
  const port = url.port === "" ? (dialect === "mysql" ? 3306 : 5432) : Number(url.port);
  const host = url.hostname === "" ? "localhost" : url.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    dialect,
    user: decodeURIComponent(url.username),
    password: url.password === "" ? undefined : decodeURIComponent(url.password),
    host,
    port,
    database,
    socket,
    where: `${socket ?? `${url.hostname || "localhost"}:${port}`}/${database}`,
  };
}
