import { existsSync, rmSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { ChangeLog, type LoggedChange } from "./change-log.js";
import { Partition } from "./partition.js";

/** How a collection spreads its documents over files, and which lookups it keeps indexed. */
export interface CollectionLayout<T> {
  /** The document's id, unique within the collection. */
  id: (doc: T) => string;
  /** The partition (file name without `.json`) a document lives in. */
  partition: (doc: T) => string;
  /** Secondary indexes: name → the keys a document is found under. */
  indexes?: Record<string, (doc: T) => readonly string[]>;
  /**
   * Documents kept in an order: name → which documents it holds and how they compare (a total
   * order), so a reader takes the first few without sorting them all.
   */
  orders?: Record<string, { holds: (doc: T) => boolean; compare: (a: T, b: T) => number }>;
  /**
   * Changes go to an append-only log (one fsync for the changes of a tick) and the partition
   * files are rewritten only at a checkpoint, after this many logged changes: for a collection
   * changed at a high rate, whose partition files would otherwise be rewritten at every change.
   */
  changeLog?: { checkpointEvery: number };
}

/** Spreads ids over `n` files by a stable hash, so a write rewrites a small file. */
export function hashPartition<T>(n: number, key: (doc: T) => string): (doc: T) => string {
  return (doc) => `p${String(fnv1a(key(doc)) % n).padStart(3, "0")}`;
}

/** Keeps every document in one file: for small reference collections. */
export function singlePartition<T>(): (doc: T) => string {
  return () => "all";
}

/**
 * A set of documents kept in memory and persisted across partition files under one folder.
 * Documents are frozen when stored, so a reader can never change stored state by accident.
 */
export class Collection<T> {
  private readonly partitions = new Map<string, Partition<T>>();
  private readonly where = new Map<string, Partition<T>>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly orders = new Map<string, T[]>();
  private readonly log: ChangeLog<T> | undefined;
  /** With a change log: partitions changed since the last checkpoint. */
  private readonly dirty = new Set<Partition<T>>();
  private checkpointing: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    private readonly layout: CollectionLayout<T>,
    /** Called on every change, for the store's change signal. */
    private readonly changed: () => void = () => undefined,
  ) {
    for (const name of Object.keys(layout.indexes ?? {})) this.indexes.set(name, new Map());
    for (const name of Object.keys(layout.orders ?? {})) this.orders.set(name, []);
    if (layout.changeLog) this.log = new ChangeLog<T>(dir);
  }

  /** Reads every partition file of the collection. */
  async load(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const file of await readdir(this.dir)) {
      if (!file.endsWith(".json")) continue;
      const partition = this.partitionNamed(file.slice(0, -".json".length));
      await partition.load();
      for (const [id, doc] of Object.entries(partition.docs)) {
        const frozen = deepFreeze(doc);
        partition.set(id, frozen);
        this.where.set(id, partition);
        this.addToIndexes(id, frozen, false);
      }
    }
    for (const [name, docs] of this.orders) {
      const order = this.layout.orders?.[name];
      if (order) docs.sort(order.compare);
    }
    // The partitions hold what the last checkpoint wrote; the log, every change since.
    const logFiles = await this.log?.replay((change) => {
      const touched =
        "put" in change ? this.store(deepFreeze(change.put)) : [this.forget(change.remove)];
      for (const partition of touched) if (partition) this.dirty.add(partition);
    });
    if (logFiles) await this.checkpoint();
  }

  /** The document with this id. */
  get(id: string): T | undefined {
    return this.where.get(id)?.docs[id];
  }

  /** Every document. */
  all(): T[] {
    const docs: T[] = [];
    for (const partition of this.partitions.values()) docs.push(...Object.values(partition.docs));
    return docs;
  }

  /** The number of documents. */
  get size(): number {
    return this.where.size;
  }

  /** Documents found under `key` in the named index. */
  find(index: string, key: string): T[] {
    const ids = this.indexes.get(index)?.get(key);
    if (!ids) return [];
    const docs: T[] = [];
    for (const id of ids) {
      const doc = this.get(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  /** The documents an order holds, in that order. Not to be changed by the caller. */
  inOrder(name: string): readonly T[] {
    return this.orders.get(name) ?? [];
  }

  /**
   * Stores documents in memory at once (so a reader in the same tick sees them) and resolves
   * once they are on disk. Only the partitions touched are rewritten (or, with a change log,
   * the documents appended to it).
   */
  put(...docs: T[]): Promise<void> {
    if (docs.length > 0) this.changed();
    const touched = new Set<Partition<T>>();
    const stored: T[] = [];
    for (const raw of docs) {
      const doc = deepFreeze(structuredClone(raw));
      for (const partition of this.store(doc)) touched.add(partition);
      stored.push(doc);
    }
    return this.persist(
      touched,
      stored.map((doc) => ({ put: doc })),
    );
  }

  /** Removes documents by id; resolves once that is on disk. */
  remove(...ids: string[]): Promise<void> {
    if (ids.some((id) => this.where.has(id))) this.changed();
    const touched = new Set<Partition<T>>();
    const removed: LoggedChange<T>[] = [];
    for (const id of ids) {
      const partition = this.forget(id);
      if (!partition) continue;
      touched.add(partition);
      removed.push({ remove: id });
    }
    return this.persist(touched, removed);
  }

  /** Resolves once every change made so far is on disk (with a change log: in its partitions). */
  async flush(): Promise<void> {
    if (!this.log) return flushAll(new Set(this.partitions.values()));
    await this.checkpointing?.catch(() => undefined);
    if (this.dirty.size > 0 || this.log.size > 0) await this.checkpoint();
  }

  /**
   * Deletes the files of partitions left without documents (e.g. a pruned batch), so they are
   * not read at every start; returns how many. A later `put` writes the file again.
   */
  async dropEmptyFiles(): Promise<number> {
    // The partition files must say what memory says before any is judged empty.
    if (this.log) await this.flush();
    const isEmpty = (partition: Partition<T>) =>
      Object.keys(partition.docs).length === 0 && existsSync(partition.file);
    // Only those are waited for: flushing every partition would rewrite them all.
    await flushAll(new Set([...this.partitions.values()].filter(isEmpty)));
    let dropped = 0;
    for (const partition of this.partitions.values()) {
      if (!isEmpty(partition)) continue;
      // Synchronous, so no change to this partition can come between the check and the removal.
      rmSync(partition.file, { force: true });
      dropped += 1;
    }
    return dropped;
  }

  /** Puts a frozen document in memory; returns the partitions it changed. */
  private store(doc: T): Partition<T>[] {
    const id = this.layout.id(doc);
    const previous = this.where.get(id);
    const target = this.partitionNamed(this.layout.partition(doc));
    const touched = [target];
    if (previous) {
      this.removeFromIndexes(id, previous.docs[id] as T);
      if (previous !== target) {
        previous.delete(id);
        touched.push(previous);
      }
    }
    target.set(id, doc);
    this.where.set(id, target);
    this.addToIndexes(id, doc);
    return touched;
  }

  /** Removes a document from memory; returns the partition it was in. */
  private forget(id: string): Partition<T> | undefined {
    const partition = this.where.get(id);
    if (!partition) return undefined;
    this.removeFromIndexes(id, partition.docs[id] as T);
    partition.delete(id);
    this.where.delete(id);
    return partition;
  }

  /** Resolves once changes made in memory are on disk: in their partitions, or in the log. */
  private persist(touched: Set<Partition<T>>, changes: LoggedChange<T>[]): Promise<void> {
    const log = this.log;
    if (!log) return flushAll(touched);
    if (changes.length === 0) return Promise.resolve();
    for (const partition of touched) this.dirty.add(partition);
    const written = log.append(changes);
    const every = this.layout.changeLog?.checkpointEvery ?? Infinity;
    // Not awaited by the writer: its change is durable in the log; a failed checkpoint leaves
    // the log as it is, and the next one (or `flush`) tries again.
    if (log.size >= every && !this.checkpointing) this.checkpoint().catch(() => undefined);
    return written;
  }

  /**
   * Cuts the log: later changes go to a new file, the partitions changed so far are written
   * (they hold everything the old files hold), then the old files go.
   */
  private checkpoint(): Promise<void> {
    const log = this.log;
    if (!log) return Promise.resolve();
    this.checkpointing ??= (async () => {
      try {
        const next = await log.rotate();
        const dirty = new Set(this.dirty);
        this.dirty.clear();
        try {
          await flushAll(dirty);
        } catch (error) {
          for (const partition of dirty) this.dirty.add(partition);
          throw error;
        }
        await log.dropBefore(next);
      } finally {
        this.checkpointing = undefined;
      }
    })();
    return this.checkpointing;
  }

  private partitionNamed(name: string): Partition<T> {
    let partition = this.partitions.get(name);
    if (!partition) {
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`bad partition name: ${name}`);
      partition = new Partition<T>(join(this.dir, `${name}.json`));
      this.partitions.set(name, partition);
    }
    return partition;
  }

  /** `sorted` false: appended as they come (a load sorts each order once at the end). */
  private addToIndexes(id: string, doc: T, sorted = true): void {
    for (const [name, order] of Object.entries(this.layout.orders ?? {})) {
      const docs = this.orders.get(name);
      if (!docs || !order.holds(doc)) continue;
      if (sorted) docs.splice(firstAtOrAfter(docs, doc, order.compare), 0, doc);
      else docs.push(doc);
    }
    for (const [name, keysOf] of Object.entries(this.layout.indexes ?? {})) {
      const index = this.indexes.get(name);
      if (!index) continue;
      for (const key of keysOf(doc)) {
        let ids = index.get(key);
        if (!ids) {
          ids = new Set();
          index.set(key, ids);
        }
        ids.add(id);
      }
    }
  }

  private removeFromIndexes(id: string, doc: T): void {
    for (const [name, order] of Object.entries(this.layout.orders ?? {})) {
      const docs = this.orders.get(name);
      if (!docs || !order.holds(doc)) continue;
      let at = firstAtOrAfter(docs, doc, order.compare);
      while (at < docs.length && docs[at] !== doc) at += 1;
      // Not found where it sorts (an order that is not total): look everywhere.
      if (at === docs.length) at = docs.indexOf(doc);
      if (at !== -1) docs.splice(at, 1);
    }
    for (const [name, keysOf] of Object.entries(this.layout.indexes ?? {})) {
      const index = this.indexes.get(name);
      for (const key of keysOf(doc)) index?.get(key)?.delete(id);
    }
  }
}

async function flushAll<T>(partitions: Set<Partition<T>>): Promise<void> {
  await Promise.all([...partitions].map((partition) => partition.flush()));
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

/** FNV-1a: a small, stable string hash for choosing partitions. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
