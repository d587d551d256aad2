// container.delete: empties a Swift container with bulk delete (up to 10000 objects a request) and deletes it; done
// when the account no longer has it. Swift refuses to delete a container that holds objects (409), and has no
// cascade: the objects go first, in pages, each page listed afresh so that nothing written meanwhile is missed.
import { OpenStackApiError } from "../../openstack/errors.ts";
import { accountPath, DEFAULT_RESELLER_PREFIX } from "../../openstack/object-store-account.ts";
import type { Session } from "../../openstack/session.ts";
import type { Action, CallSubject, ExecuteResult } from "../action.ts";
import { deleteAction } from "../define-action.ts";
import { fillPath, type FillTemplate } from "../fill-template.ts";
import type { PlanStep } from "../plan-step.ts";

/** Swift's bulk middleware default (`max_deletes_per_request`); the container listing's page is as large. */
const BULK_DELETE_MAX = 10000;

/** The account of the step's project as a plan shows it (apply uses the reseller prefix of the catalog's endpoint). */
const ACCOUNT = `/${DEFAULT_RESELLER_PREFIX}{project_id}`;

const base = deleteAction({
  id: "container.delete",
  resourceType: "object-store.container",
  destructive: true,
  command: "openstack container delete --recursive {container}",
  request: { method: "DELETE", path: `${ACCOUNT}/{container}` },
});

export const containerDelete: Action = {
  ...base,
  // The bytes first: what the operator reviews is how much data goes, and that it all goes.
  describeCall: (step: CallSubject, fill: FillTemplate = fillPath) =>
    fill(
      `POST ${ACCOUNT}?bulk-delete ({bytes} bytes in {objects} objects, ${BULK_DELETE_MAX} a request), ` +
        `then DELETE ${ACCOUNT}/{container}`,
      step,
    ),
  execute: emptyAndDelete,
};

async function emptyAndDelete(session: Session, step: PlanStep): Promise<ExecuteResult> {
  const account = accountPath(session.objectStoreAccountPrefix(), String(step.params["project_id"]));
  const container = String(step.params["container"]);
  const containerPath = `${account}/${encodeURIComponent(container)}`;
  const requestIds: string[] = [];
  let deleted = 0;
  for (;;) {
    const listing = await session.request("object-store", {
      path: containerPath,
      query: { format: "json", limit: BULK_DELETE_MAX },
    });
    if (listing.requestId !== null) requestIds.push(listing.requestId);
    const names = Array.isArray(listing.body)
      ? listing.body.flatMap((item: unknown) => {
          const name = typeof item === "object" && item !== null ? (item as { name?: unknown }).name : undefined;
          return typeof name === "string" ? [name] : [];
        })
      : [];
    if (names.length === 0) break;
    // One URL-encoded `/container/object` per line, as the bulk middleware reads them.
    const text = names.map((name) => `/${encodeURIComponent(container)}/${encodeURIComponent(name)}`).join("\n");
    const answer = await session.request("object-store", {
      method: "POST",
      path: account,
      query: { "bulk-delete": "" },
      text,
    });
    if (answer.requestId !== null) requestIds.push(answer.requestId);
    const result = bulkResult(answer.body);
    if (result.errors.length > 0 || result.status !== "200 OK")
      throw new Error(
        `bulk delete in ${containerPath} answered ${result.status}: ${result.errors.slice(0, 3).join("; ")}`,
      );
    deleted += result.deleted + result.notFound;
    if (result.deleted + result.notFound === 0) throw new Error(`bulk delete in ${containerPath} deleted nothing`);
  }
  try {
    const answer = await session.request("object-store", { method: "DELETE", path: containerPath });
    if (answer.requestId !== null) requestIds.push(answer.requestId);
  } catch (error) {
    // Gone already (another cleanup raced this one): the state the action leaves.
    if (!(error instanceof OpenStackApiError && error.status === 404)) throw error;
  }
  return { requestIds, detail: { objectsDeleted: deleted } };
}

/** The bulk middleware's JSON answer: `Number Deleted`, `Number Not Found`, `Errors` and `Response Status`. */
function bulkResult(body: unknown): { deleted: number; notFound: number; errors: string[]; status: string } {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const number = (key: string): number => (typeof record[key] === "number" ? record[key] : 0);
  const errors = Array.isArray(record["Errors"]) ? record["Errors"].map((entry) => JSON.stringify(entry)) : [];
  const status = typeof record["Response Status"] === "string" ? record["Response Status"] : "no status";
  return { deleted: number("Number Deleted"), notFound: number("Number Not Found"), errors, status };
}
