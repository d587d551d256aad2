import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./database-url.ts";
import { osloOption } from "./oslo-config.ts";

describe("parseDatabaseUrl", () => {
  it("reads oslo.db's URLs, driver and query included, and names the database without its credentials", () => {
    expect(parseDatabaseUrl("mysql+pymysql://cinder:p%40ss%2Fw@db1:3307/cinder?charset=utf8", "test")).toEqual({
      dialect: "mysql",
      user: "cinder",
      password: "p@ss/w",
      host: "db1",
      port: 3307,
      database: "cinder",
      socket: undefined,
      where: "db1:3307/cinder",
    });
    expect(parseDatabaseUrl("postgresql+psycopg2://nova@/nova_api?host=/run/postgresql", "test")).toMatchObject({
      dialect: "postgresql",
      password: undefined,
      port: 5432,
      socket: "/run/postgresql",
      where: "/run/postgresql/nova_api",
    });
    expect(parseDatabaseUrl("mysql://glance:x@localhost/glance?unix_socket=/run/mysqld/mysqld.sock", "t").where).toBe(
      "/run/mysqld/mysqld.sock/glance",
    );
  });

  it("refuses another dialect or a URL without a database in one line that shows no password", () => {
    expect(() => parseDatabaseUrl("sqlite:////var/lib/nova/nova.sqlite", "deep: database.nova.url")).toThrow(
      "deep: database.nova.url: expected a mysql+pymysql://, mysql:// or postgresql:// database URL, got sqlite://...",
    );
    expect(() => parseDatabaseUrl("mysql+pymysql://u:secret@db1:3306", "origin")).toThrow(
      "origin: the database URL names no database (…@host:port/<database>)",
    );
  });
});

describe("osloOption", () => {
  const conf = [
    "[DEFAULT]",
    "connection = not-this-one",
    "",
    "[database]",
    "# connection = commented",
    "connection = mysql+pymysql://a@db/first",
    "max_retries = -1",
    "[api_database]",
    "connection: mysql+pymysql://b@db/nova_api",
    "[database]",
    'connection = "mysql+pymysql://c@db/last"',
  ].join("\n");

  it("reads the option of its section, the last occurrence winning, quotes removed", () => {
    expect(osloOption(conf, "database", "connection")).toBe("mysql+pymysql://c@db/last");
    expect(osloOption(conf, "api_database", "connection")).toBe("mysql+pymysql://b@db/nova_api");
    expect(osloOption(conf, "placement_database", "connection")).toBeUndefined();
  });
});
