import type { CollectionLayout } from "./collection-layout.js";
import { deepFreeze } from "./frozen-documents.js";

/** The ids under one key of an index: one alone, or a set. */
type IdsUnderKey = string | Set<string>;

/**
 * Per order, the documents a put replaced, still in it. A claim replaces the first few hundred
 * of a queue of 10,000 sends: taken out one by one, each shifted the whole queue (5% of the
 * bot's work per send at the broadcast ceiling); together, the queue is walked once.
 */
export type Replaced<T> = Map<T[], Set<T>>;

/**
 * A collection's secondary indexes and orders over the documents in its memory. Each index is
 * built on its first lookup (or by `buildAll`) from every document then in memory, and kept
 * up to date by `add` and `remove` from then on; each order holds the documents it takes,
 * sorted.
 */
export class CollectionIndexes<T> {
  /**
   * Per index built so far, key → the ids found under it: one id alone as a string (most keys
   * of most indexes, e.g. a chat or a phone number), a set once there are more; it keeps a
   * province's indexes small and quick to build.
   */
  private readonly built: BuiltIndex<T>[] = [];
  /** The same maps by index name. */
  private readonly byName = new Map<string, Map<string, IdsUnderKey>>();
  /** Indexes not built yet. */
  private readonly unbuilt: Map<string, (doc: T) => readonly string[]>;
  /** Per order, the documents it holds. */
  private readonly orders = new Map<string, T[]>();
  /** Orders left empty while a log is replayed, to be built once after (`rebuildOrders`). */
  private ordersSuspended = false;

  constructor(private readonly layout: Pick<CollectionLayout<T>, "indexes" | "orders">) {
    this.unbuilt = new Map(Object.entries(layout.indexes ?? {}));
    for (const name of Object.keys(layout.orders ?? {})) this.orders.set(name, []);
  }

  /** The ids under `key` in the named index, built from `everything` in memory if need be. */
  idsUnder(index: string, key: string, everything: () => Iterable<[string, T]>): Iterable<string> {
    const ids = (this.byName.get(index) ?? this.build(index, everything))?.get(key);
    return ids === undefined ? [] : typeof ids === "string" ? [ids] : ids;
  }

  /** Builds every index not built yet. */
  buildAll(everything: () => Iterable<[string, T]>): void {
    for (const index of [...this.unbuilt.keys()]) this.build(index, everything);
  }

  /** The documents an order holds, in that order. */
  inOrder(name: string): readonly T[] {
    return this.orders.get(name) ?? [];
  }

  /**
   * Files a document; its documents are frozen when handed out (those an order holds at once,
   * since `inOrder` hands them out as they are). `sorted` false: appended to the orders as it
   * comes (`sortOrders` sorts each order once, after a batch).
   */
  add(id: string, doc: T, sorted = true): void {
    this.addToOrders(doc, sorted);
    for (const index of this.built) addKeys(index, id, doc);
  }

  /**
   * Takes a document out. With `replaced`, it is left in the orders, to be dropped with the
   * others of its put (`dropReplaced`).
   */
  remove(id: string, doc: T, replaced?: Replaced<T>): void {
    this.removeFromOrders(doc, replaced);
    for (const index of this.built) {
      for (const key of index.keysOf(doc)) removeKey(index, id, key);
    }
  }

  private addToOrders(doc: T, sorted: boolean): void {
    if (this.ordersSuspended) return;
    for (const [name, order] of Object.entries(this.layout.orders ?? {})) {
      const docs = this.orders.get(name);
      if (!docs || !order.holds(doc)) continue;
      deepFreeze(doc);
      if (sorted) docs.splice(firstAtOrAfter(docs, doc, order.compare), 0, doc);
      else docs.push(doc);
    }
  }

  private removeFromOrders(doc: T, replaced?: Replaced<T>): void {
    if (this.ordersSuspended) return;
    for (const [name, order] of Object.entries(this.layout.orders ?? {})) {
      const docs = this.orders.get(name);
      if (!docs || !order.holds(doc)) continue;
      if (replaced) {
        const leaving = replaced.get(docs) ?? new Set<T>();
        replaced.set(docs, leaving.add(doc));
        continue;
      }
      let at = firstAtOrAfter(docs, doc, order.compare);
      while (at < docs.length && docs[at] !== doc) at += 1;
      // Not found where it sorts (an order that is not total): look everywhere.
      if (at === docs.length) at = docs.indexOf(doc);
      if (at !== -1) docs.splice(at, 1);
    }
  }

  /**
   * `remove(id, previous, replaced)` then `add(id, doc)`, leaving alone the keys the document
   * keeps: an outbox item keeps its purpose (a set of 10,000 ids) and its member at each step.
   */
  replace(id: string, previous: T, doc: T, replaced: Replaced<T>): void {
    this.removeFromOrders(previous, replaced);
    this.addToOrders(doc, true);
    for (const index of this.built) {
      const before = index.keysOf(previous);
      const after = index.keysOf(doc);
      for (const key of before) if (!after.includes(key)) removeKey(index, id, key);
      for (const key of after) if (!before.includes(key)) addKey(index, id, key);
    }
  }

  /**
   * Stops keeping the orders until `rebuildOrders`: a replayed change moves its document in
   * each order, shifting the rest (a restart after a crash that replayed a 40,000-line log
   * took 4.4 s, quadratic in the log); rebuilt once after, it takes one sort.
   */
  suspendOrders(): void {
    this.ordersSuspended = true;
    for (const docs of this.orders.values()) docs.length = 0;
  }

  /** Fills the orders again from `everything` in memory, after `suspendOrders`. */
  rebuildOrders(everything: () => Iterable<[string, T]>): void {
    this.ordersSuspended = false;
    for (const [, doc] of everything()) this.addToOrders(doc, false);
    this.sortOrders();
  }

  /** Sorts each order, after documents were added unsorted. */
  sortOrders(): void {
    for (const [name, docs] of this.orders) {
      const order = this.layout.orders?.[name];
      if (order) docs.sort(order.compare);
    }
  }

  /**
   * Takes the documents a put replaced out of their orders, in one pass per order that ends at
   * the last of them (a claim's are at the front of the queue), then drops the gap with one
   * `splice`: V8 cuts the front off an array in place, where moving the rest up (as
   * `copyWithin` did) cost a broadcast's whole queue at every claim of a few sends, quadratic
   * in its size.
   */
  dropReplaced(replaced: Replaced<T>): void {
    for (const [docs, leaving] of replaced) {
      let kept = 0;
      let left = leaving.size;
      let at = 0;
      for (; at < docs.length && left > 0; at++) {
        const doc = docs[at] as T;
        if (leaving.has(doc)) left -= 1;
        else docs[kept++] = doc;
      }
      docs.splice(kept, at - kept);
    }
  }

  /** Builds the named index from `everything`, if it is not built yet. */
  private build(
    index: string,
    everything: () => Iterable<[string, T]>,
  ): Map<string, IdsUnderKey> | undefined {
    const keysOf = this.unbuilt.get(index);
    if (!keysOf) return undefined;
    this.unbuilt.delete(index);
    const ids = new Map<string, IdsUnderKey>();
    this.byName.set(index, ids);
    const built = { keysOf, ids };
    for (const [id, doc] of everything()) addKeys(built, id, doc);
    this.built.push(built);
    return ids;
  }
}

/** One built index: a document's keys, and the ids under each key. */
interface BuiltIndex<T> {
  keysOf: (doc: T) => readonly string[];
  ids: Map<string, IdsUnderKey>;
}

/** Files a document's id under each of its keys in one index. */
function addKeys<T>(index: BuiltIndex<T>, id: string, doc: T): void {
  for (const key of index.keysOf(doc)) addKey(index, id, key);
}

function addKey<T>(index: BuiltIndex<T>, id: string, key: string): void {
  const found = index.ids.get(key);
  if (found === undefined) index.ids.set(key, id);
  else if (typeof found !== "string") found.add(id);
  else if (found !== id) index.ids.set(key, new Set([found, id]));
}

function removeKey<T>(index: BuiltIndex<T>, id: string, key: string): void {
  const found = index.ids.get(key);
  if (found === id) index.ids.delete(key);
  else if (typeof found !== "string") found?.delete(id);
}

/** The first position in sorted `docs` whose document does not come before `doc`. */
function firstAtOrAfter<T>(docs: readonly T[], doc: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = docs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(docs[middle] as T, doc) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
