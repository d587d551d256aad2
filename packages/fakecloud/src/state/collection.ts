// The records of one resource type, by id, with sorted views cached between requests: a listing finds its
// marker by an id→position index and slices one page, so serving a page never sorts or scans the whole set.
// Views are kept up to date on insert, update and delete (binary search + splice) instead of being re-sorted.

/** One stored resource: the API's own JSON representation, keyed by its `id`. */
export type ResourceRecord = Record<string, unknown> & { id: string };

/** How a listing orders records; `fields` are the record fields the order depends on. */
export interface SortOrder {
  name: string;
  fields: readonly string[];
  compare: (a: ResourceRecord, b: ResourceRecord) => number;
  /**
   * The same order as one string key per record, then the id, both in `sign`'s direction: a first sort reads each
   * record's key once instead of in every comparison (100k records: about twice as fast).
   */
  byKey?: { keyOf: (record: ResourceRecord) => string; sign: 1 | -1 };
}

/** A sorted snapshot of a collection, valid until a record is added, removed or its sort fields change. */
export interface SortedView {
  items: readonly ResourceRecord[];
  /** Position of each id in `items`: a marker lookup is O(1). */
  positionOf: ReadonlyMap<string, number>;
}

/** Records grouped by a key, in insertion order within each group; see `Collection.groupedBy`. */
export type Grouping = ReadonlyMap<string, readonly ResourceRecord[]>;

interface MaintainedView {
  order: SortOrder;
  items: ResourceRecord[];
  positionOf: Map<string, number>;
}

/** The index at which `record` belongs in `items` (after any equal records). */
function insertionIndex(items: readonly ResourceRecord[], record: ResourceRecord, order: SortOrder): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order.compare(items[middle]!, record) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function renumber(view: MaintainedView, from: number): void {
  for (let index = from; index < view.items.length; index++) view.positionOf.set(view.items[index]!.id, index);
}

function addToView(view: MaintainedView, record: ResourceRecord): void {
  const index = insertionIndex(view.items, record, view.order);
  view.items.splice(index, 0, record);
  renumber(view, index);
}

function removeFromView(view: MaintainedView, id: string): void {
  const index = view.positionOf.get(id);
  if (index === undefined) return;
  view.items.splice(index, 1);
  view.positionOf.delete(id);
  renumber(view, index);
}

export class Collection {
  private readonly byId = new Map<string, ResourceRecord>();
  private readonly views = new Map<string, MaintainedView>();
  private readonly groupings = new Map<string, { revision: number; groups: Map<string, ResourceRecord[]> }>();
  private changes = 0;

  /** Grows on every insert, update and delete: a derived index is valid while the revision is unchanged. */
  get revision(): number {
    return this.changes;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ResourceRecord | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Records in insertion order. */
  values(): IterableIterator<ResourceRecord> {
    return this.byId.values();
  }

  insert(record: ResourceRecord): void {
    if (this.byId.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.byId.set(record.id, record);
    for (const view of this.views.values()) addToView(view, record);
    this.changes += 1;
  }

  /** Sets fields in place (the record object stays the same) and returns the record, or undefined if absent. */
  update(id: string, fields: Record<string, unknown>): ResourceRecord | undefined {
    const record = this.byId.get(id);
    if (record === undefined) return undefined;
    this.changes += 1;
    // Views ordered by a field that changes take the record out first and put it back at its new place.
    const moved = [...this.views.values()].filter((view) => view.order.fields.some((field) => field in fields));
    for (const view of moved) removeFromView(view, id);
    for (const [key, value] of Object.entries(fields)) {
      if (key === "id") continue; // an id is the record's key; changing it would orphan the index
      if (value === undefined) Reflect.deleteProperty(record, key);
      else record[key] = value;
    }
    for (const view of moved) addToView(view, record);
    return record;
  }

  delete(id: string): ResourceRecord | undefined {
    const record = this.byId.get(id);
    if (record === undefined) return undefined;
    this.byId.delete(id);
    for (const view of this.views.values()) removeFromView(view, id);
    this.changes += 1;
    return record;
  }

  clear(): void {
    this.byId.clear();
    this.views.clear();
    this.groupings.clear();
    this.changes += 1;
  }

  /**
   * The records grouped by `keyOf` (a record in no group when it gives undefined), each group in insertion order:
   * built on first use and rebuilt only after the collection changed, so that a request reading one group (the
   * containers of one account, the rules of a page of security groups) does not walk every record. `name` tells
   * groupings apart; one name must always come with the same `keyOf`. The key a record is grouped by must only
   * change through `update`.
   */
  groupedBy(name: string, keyOf: (record: ResourceRecord) => string | undefined): Grouping {
    const cached = this.groupings.get(name);
    if (cached?.revision === this.changes) return cached.groups;
    const groups = new Map<string, ResourceRecord[]>();
    for (const record of this.byId.values()) {
      const key = keyOf(record);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [record]);
      else group.push(record);
    }
    this.groupings.set(name, { revision: this.changes, groups });
    return groups;
  }

  /**
   * The records sorted by `order`: sorted once on first use, then kept in order as records change.
   * The returned view is live; a listing reads one page from it synchronously.
   */
  sorted(order: SortOrder): SortedView {
    const cached = this.views.get(order.name);
    if (cached !== undefined) return cached;
    const items = sortRecords([...this.byId.values()], order);
    const view: MaintainedView = { order, items, positionOf: new Map() };
    renumber(view, 0);
    this.views.set(order.name, view);
    return view;
  }
}

function sortRecords(records: ResourceRecord[], order: SortOrder): ResourceRecord[] {
  if (order.byKey === undefined) return records.sort(order.compare);
  const { keyOf, sign } = order.byKey;
  const keyed = records.map((record) => ({ key: keyOf(record), id: record.id, record }));
  keyed.sort((a, b) => {
    if (a.key !== b.key) return a.key < b.key ? -sign : sign;
    return a.id < b.id ? -sign : a.id > b.id ? sign : 0;
  });
  return keyed.map((entry) => entry.record);
}

/** Orders by a string field (ISO times compare as strings), then by id, both ascending or both descending. */
export function sortByField(field: string, direction: "asc" | "desc"): SortOrder {
  const sign = direction === "asc" ? 1 : -1;
  return {
    name: `${field}:${direction}`,
    fields: [field],
    compare: (a, b) => {
      const av = sortKey(a[field]);
      const bv = sortKey(b[field]);
      if (av !== bv) return av < bv ? -sign : sign;
      return a.id < b.id ? -sign : a.id > b.id ? sign : 0;
    },
    byKey: { keyOf: (record) => sortKey(record[field]), sign },
  };
}

function sortKey(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value).padStart(20, "0") : "";
}
