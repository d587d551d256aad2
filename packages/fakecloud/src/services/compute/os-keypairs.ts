// Nova's key pairs (os-keypairs): scoped by user, not project. A caller sees and deletes its own; an admin another
// user's by naming it with `user_id`, which Nova reads only from microversion 2.10 on (before, the caller's own).
// There is no listing across users. The store keys a record by an internal id; Nova's own is an integer in the show.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { atLeast } from "../../http/microversion.ts";
import { errorResponse, queryOf } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import type { Seeder, ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";

export const keypairSeeder: Seeder = {
  timeFormat: "iso-micro",
  build: (partial, ctx) => ({
    user_id: ctx.adminUserId,
    public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFake fakecloud",
    fingerprint: "b7:3e:0f:5a:11:22:33:44:55:66:77:88:99:aa:bb:cc",
    type: "ssh",
    created_at: formatTime(ctx.now, "iso-micro"),
    ...partial,
  }),
};

export function osKeypairRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const keypairs = ctx.state.collection("compute.keypair");
  const numbers = new Map<string, number>();
  const numberOf = (record: ResourceRecord): number => {
    let number = numbers.get(record.id);
    if (number === undefined) numbers.set(record.id, (number = numbers.size + 1));
    return number;
  };
  /** Whose key pairs the request is about, or the refusal (os_compute_api:os-keypairs:*: admin or the user). */
  const userOf = (c: Context<FakeEnv>, action: string): string | Response => {
    const own = c.var.auth!.userId;
    const asked = atLeast(c.var.microversion, "2.10") ? queryOf(c).get("user_id") : null;
    if (asked === null || asked === own) return own;
    if (c.var.auth?.isAdmin !== true)
      return errorResponse(c, 403, `Policy doesn't allow os_compute_api:os-keypairs:${action} to be performed.`);
    return asked;
  };
  /** The key pair the path names, of the user the request is about, or the answer to give instead. */
  const located = (c: Context<FakeEnv>, action: string): ResourceRecord | Response => {
    const user = userOf(c, action);
    if (user instanceof Response) return user;
    const name = c.req.param("name") ?? "";
    const keypair = [...keypairs.values()].find((k) => k["user_id"] === user && k["name"] === name);
    return keypair ?? errorResponse(c, 404, `Keypair ${name} not found for user ${user}`);
  };

  app.get("/", (c) => {
    const user = userOf(c, "index");
    if (user instanceof Response) return user;
    const withType = atLeast(c.var.microversion, "2.2");
    const mine = [...keypairs.values()].filter((k) => k["user_id"] === user);
    return jsonResponse(c, {
      keypairs: mine.map((k) => ({
        keypair: {
          name: k["name"],
          public_key: k["public_key"],
          fingerprint: k["fingerprint"],
          ...(withType ? { type: k["type"] } : {}),
        },
      })),
    });
  });

  app.get("/:name", (c) => {
    const keypair = located(c, "show");
    if (keypair instanceof Response) return keypair;
    const { id: _internal, ...shown } = keypair;
    return jsonResponse(c, {
      keypair: { ...shown, deleted: false, deleted_at: null, updated_at: null, id: numberOf(keypair) },
    });
  });

  app.delete("/:name", (c) => {
    const keypair = located(c, "delete");
    if (keypair instanceof Response) return keypair;
    keypairs.delete(keypair.id);
    // 202 before microversion 2.2, 204 since.
    return c.body(null, atLeast(c.var.microversion, "2.2") ? 204 : 202);
  });
  return app;
}
