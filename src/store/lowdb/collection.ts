import { existsSync, rmSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { LoggedChange } from "./change-log.js";
import { CollectionIndexes, type Replaced } from "./collection-indexes.js";
import type { CollectionLayout, LoadOptions, WriteMark } from "./collection-layout.js";
import { deepFreeze, frozenCopy } from "./frozen-documents.js";
import { LoggedChanges } from "./logged-changes.js";
import { flushAll, Partition } from "./partition.js";
import { type KeyHashes, mayHold, readPartitionKeys, StaleKeys } from "./partition-keys.js";
import { PinnedPartitions } from "./pinned-partitions.js";
import { RecentWrites } from "./recent-writes.js";

/**
 * A set of documents kept in memory and persisted across partition files under one folder.
 * Documents are frozen when stored, and those read from files when first handed out, so a
 * reader can never change stored state by accident. Partitions read at load are indexed on the
 * collection's first use, and each secondary index is built on its first `find`: a start
 * answers its first message without paying for collections, indexes or documents that message
 * does not touch (e.g. a province's reports, or members by phone).
 * Some partitions may be left on disk (see `leaveOnDisk`): lookups and `all` do not see their
 * documents until they are brought in, which any change to them does first (also a change
 * replayed from the change log). With a change log, a partition is left on disk only when the
 * log holds none of its changes, so its file is all there is of it.
 * With `routes`, a partition whose keys file describes it is not read at load: a lookup by id or
 * by the routed index reads only the partitions it needs, until `readRest` reads the others.
 */
export class Collection<T> {
  private readonly partitions = new Map<string, Partition<T>>();
  /** Partitions whose documents are only in their files. */
  private readonly onDisk = new Set<string>();
  private readonly where = new Map<string, Partition<T>>();
  /** Partitions whose files are still to be read (see `LoadOptions.readLater`, `routes`). */
  private readonly unread = new Set<string>();
  /** With `routes`, while partitions are unread: each unread partition's key hashes. */
  private routes: Map<string, KeyHashes> | undefined;
  /** With `routes`: partitions whose keys file does not describe them (any more). */
  private readonly keysStale: StaleKeys<T>;
  /** Partitions read from their files but not yet indexed: see `indexed`. */
  private unindexed: Partition<T>[] = [];
  private readonly recentWrites: RecentWrites;
  /** Secondary indexes and orders over the documents in memory. */
  private readonly indexes: CollectionIndexes<T>;
  private readonly log: LoggedChanges<T> | undefined;
  /** Snapshots still to read partitions left on disk at their instant (see `pinAllStored`). */
  private readonly pinned = new Set<PinnedPartitions<T>>();

  constructor(
    private readonly dir: string,
    private readonly layout: CollectionLayout<T>,
    /** Called on every change, for the store's change signal. */
    private readonly changed: () => void = () => undefined,
  ) {
    this.indexes = new CollectionIndexes(layout);
    this.recentWrites = new RecentWrites(layout.writesKept);
    this.keysStale = new StaleKeys(layout.routes && layout.indexes?.[layout.routes.index]);
    if (layout.changeLog) {
      // The keys of the partitions a checkpoint wrote, before it cuts the log: a crash before
      // they are written leaves the changes in the log, and a start that replays one reads
      // every file.
      this.log = new LoggedChanges<T>(dir, layout.changeLog.checkpointEvery, (written) => {
        for (const partition of written) this.keysStale.add(partition);
        return this.keysStale.write();
      });
    }
    if (layout.routes && !layout.changeLog) throw new Error(`${dir}: routes need a change log`);
  }

  /** Reads every partition file of the collection, but those to be left on disk. */
  async load(options: LoadOptions = {}): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const file of await readdir(this.dir)) {
      if (!file.endsWith(".json")) continue;
      const name = file.slice(0, -".json".length);
      if (options.leaveOnDisk?.(name)) {
        this.onDisk.add(name);
        continue;
      }
      if (options.readLater) {
        this.unread.add(name);
        continue;
      }
      const keys = this.layout.routes && (await readPartitionKeys(this.fileOf(name)));
      if (keys) {
        this.unread.add(name);
        this.routes ??= new Map();
        this.routes.set(name, keys);
        continue;
      }
      const partition = this.residentPartition(name);
      this.partitions.set(name, partition);
      await partition.load();
      this.unindexed.push(partition);
      this.keysStale.add(partition);
    }
    // The partitions hold what the last checkpoint wrote; the log, every change since. A change
    // to a partition left on disk brings it in first (`partitionNamed`), so its file is read,
    // not written over with only the change. Replay indexes the collection first (only when the
    // log holds changes), so the indexes built so far follow every replayed change; the orders
    // are built once after.
    let replaying = false;
    const log = this.log;
    const logFiles = await log?.replay((change) => {
      this.indexed();
      if (!replaying) this.indexes.suspendOrders();
      replaying = true;
      if ("put" in change) {
        this.layout.shareValues?.(change.put, this.layout.id(change.put));
        for (const partition of this.store(deepFreeze(change.put))) log?.changed(partition);
        return;
      }
      if (change.from !== undefined) this.bringIn([change.from]);
      const partition = this.forget(change.remove);
      if (partition) log?.changed(partition);
    });
    if (replaying) this.indexes.rebuildOrders(() => this.documents());
    if (logFiles) await log?.checkpoint();
  }

  /**
   * Reads the partitions left unread at load, one file at a time, yielding between them. A use
   * of the collection meanwhile reads the rest at once; a file read here after that is dropped,
   * since the collection may have changed it in memory since.
   */
  async readRest(): Promise<void> {
    for (const name of [...this.unread]) {
      const partition = this.residentPartition(name);
      await partition.load();
      if (!this.unread.delete(name)) continue;
      this.partitions.set(name, partition);
      this.unindexed.push(partition);
    }
    this.routes = undefined;
  }

  /**
   * Indexes what is in memory and builds every secondary index now, rather than on first use:
   * for the quiet after a start, so the first people to write after it (a Friday evening's
   * hundred hamlet heads) do not wait while their questions build them.
   */
  indexAll(): void {
    this.indexed();
    this.indexes.buildAll(() => this.documents());
  }

  /** Brings partitions left on disk into memory, at once (nothing can change between). */
  bringIn(names: Iterable<string>): void {
    this.indexed();
    for (const name of names) if (this.onDisk.has(name)) this.partitionNamed(name);
  }

  /**
   * Writes the named partitions, then drops their documents from memory, if `stillSo` holds
   * once they are written (checked in the same tick as the drop); returns whether they were
   * dropped. Their files stay as they are: `readFromDisk`, `allStored` and `pinAllStored` still
   * read them.
   */
  async leaveOnDisk(names: readonly string[], stillSo: () => boolean): Promise<boolean> {
    this.indexed();
    const resident = () => names.flatMap((name) => this.partitions.get(name) ?? []);
    // With a change log, only a checkpoint puts a partition's logged changes in its file and
    // takes them out of the log: once left on disk, the file must be all there is of it.
    const inLog = () => this.log?.holdsChangesOf(resident()) ?? false;
    if (inLog()) {
      const checkpointed = await this.flush().then(
        () => true,
        () => false,
      );
      if (!checkpointed) return false;
    }
    await flushAll(new Set(resident()));
    const leaving = resident();
    if (!stillSo() || inLog() || leaving.some((partition) => !partition.settled)) {
      return false;
    }
    for (const name of names) {
      const partition = this.partitions.get(name);
      if (!partition) continue;
      for (const [id, doc] of Object.entries(partition.docs)) {
        this.indexes.remove(id, doc);
        this.where.delete(id);
      }
      this.partitions.delete(name);
      this.onDisk.add(name);
    }
    return true;
  }

  /**
   * The documents of the named partitions, in memory or in their files; a file is read anew,
   * without bringing it in, so reading history costs no memory once done.
   */
  async readFromDisk(names: readonly string[]): Promise<T[]> {
    this.indexed();
    const docs: T[] = [];
    for (const name of names) {
      const resident = this.partitions.get(name);
      if (resident) {
        for (const doc of Object.values(resident.docs)) docs.push(deepFreeze(doc));
      } else if (this.onDisk.has(name)) {
        const partition = new Partition<T>(this.fileOf(name));
        await partition.load();
        docs.push(...Object.values(partition.docs));
      }
    }
    return docs;
  }

  /**
   * Every document, also those of partitions left on disk, which are read without yielding:
   * what a snapshot holds is one instant. A backup takes `pinAllStored` instead, which does not
   * hold the event loop while the files are read.
   */
  allStored(): T[] {
    const docs = this.all();
    for (const name of this.onDisk) {
      const partition = new Partition<T>(this.fileOf(name));
      partition.loadNow();
      docs.push(...Object.values(partition.docs));
    }
    return docs;
  }

  /**
   * `allStored` for a snapshot read a batch at a time: the documents in memory now, then the
   * partitions left on disk now, each read later as it is now (see `PinnedPartitions`).
   * `release` it once read, or once it will not be.
   */
  pinAllStored(): PinnedPartitions<T> {
    const onDisk = new Map([...this.onDisk].map((name) => [name, this.fileOf(name)]));
    const pinned = new PinnedPartitions(this.all(), onDisk, () => this.pinned.delete(pinned));
    this.pinned.add(pinned);
    return pinned;
  }

  /** The document with this id. */
  get(id: string): T | undefined {
    if (!this.allIndexed) this.readFor([id]);
    const doc = this.where.get(id)?.docs[id];
    return doc === undefined ? undefined : deepFreeze(doc);
  }

  /** Every document. */
  all(): T[] {
    this.indexed();
    const docs: T[] = [];
    for (const partition of this.partitions.values()) {
      for (const doc of Object.values(partition.docs)) docs.push(deepFreeze(doc));
    }
    return docs;
  }

  /** The number of documents. */
  get size(): number {
    this.indexed();
    return this.where.size;
  }

  /** The documents an order holds, in that order. Not to be changed by the caller. */
  inOrder(name: string): readonly T[] {
    this.indexed();
    return this.indexes.inOrder(name);
  }

  /** Documents found under `key` in the named index. */
  find(index: string, key: string): T[] {
    if (this.routes && index === this.layout.routes?.index) this.readNow(holding(this.routes, key));
    else this.indexed();
    const docs: T[] = [];
    for (const id of this.indexes.idsUnder(index, key, () => this.documents())) {
      const doc = this.get(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  /** The mark of the writes made so far, for `writtenSince`. */
  writeMark(): WriteMark {
    return this.recentWrites.mark();
  }

  /**
   * Ids of the documents written or removed since `mark`; undefined when the mark is of
   * another opening, or older than the writes remembered (`writesKept`).
   */
  writtenSince(mark: WriteMark): Set<string> | undefined {
    return this.recentWrites.since(mark);
  }

  /**
   * Stores documents in memory at once (so a reader in the same tick sees them) and resolves
   * once they are on disk. Only the partitions touched are rewritten (or, with a change log,
   * the documents appended to it). What is stored is a frozen copy: the caller's objects stay
   * its own.
   */
  put(...docs: T[]): Promise<void> {
    return this.putMany(docs);
  }

  /**
   * `put` of a list of any length: a spread of one (`put(...list)`) puts every document on
   * the stack, and past about 120,000 (a province's members, a broadcast) overflows it.
   */
  putMany(docs: readonly T[]): Promise<void> {
    return this.keep(docs.map((doc) => frozenCopy(doc)));
  }

  /**
   * `put` for documents made for the store alone, that nothing else holds (a repository's
   * next state of a document it read): frozen as they are instead of copied. The outbox's
   * two puts a send spent a tenth of the ledger's work copying what it had just built.
   */
  putFresh(docs: readonly T[]): Promise<void> {
    return this.keep(docs.map((doc) => deepFreeze(doc)));
  }

  /** Stores frozen documents: in memory now, on disk (partitions or log) when the promise resolves. */
  private keep(docs: readonly T[]): Promise<void> {
    if (!this.allIndexed) this.readFor(docs.map((doc) => this.layout.id(doc)));
    if (docs.length > 0) this.changed();
    const touched = new Set<Partition<T>>();
    const stored: LoggedChange<T>[] = [];
    const replaced: Replaced<T> = new Map();
    for (const doc of docs) {
      for (const partition of this.store(doc, replaced)) touched.add(partition);
      this.recentWrites.note(this.layout.id(doc));
      stored.push({ put: doc });
    }
    this.indexes.dropReplaced(replaced);
    return this.persist(touched, stored);
  }

  /** Removes documents by id; resolves once that is on disk. */
  remove(...ids: string[]): Promise<void> {
    return this.removeMany(ids);
  }

  /** `remove` of a list of any length (see `putMany`). */
  removeMany(ids: readonly string[]): Promise<void> {
    this.readFor(ids);
    if (ids.some((id) => this.where.has(id))) this.changed();
    const touched = new Set<Partition<T>>();
    const removed: LoggedChange<T>[] = [];
    for (const id of ids) {
      const doc = this.get(id);
      const partition = this.forget(id);
      if (!partition || doc === undefined) continue;
      this.recentWrites.note(id);
      touched.add(partition);
      removed.push({ remove: id, from: this.layout.partition(doc) });
    }
    return this.persist(touched, removed);
  }

  /** Resolves once every change made so far is on disk (with a change log: in its partitions). */
  async flush(): Promise<void> {
    if (!this.log) return flushAll(new Set(this.partitions.values()));
    await this.log.flush();
    await this.keysStale.write();
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

  /**
   * Reads the partitions still unread and indexes those read, once, before anything reads or
   * changes the collection: synchronous, so no caller ever sees it half read or half indexed.
   */
  private indexed(): void {
    if (!this.allIndexed) this.readNow([...this.unread]);
  }

  /** Whether every partition is read and indexed: then a lookup or a put reads nothing first. */
  private get allIndexed(): boolean {
    return this.unread.size === 0 && this.unindexed.length === 0;
  }

  /** Reads what a lookup of these ids needs: their partitions when routed, else everything. */
  private readFor(ids: readonly string[]): void {
    const routes = this.layout.routes;
    if (routes && this.unread.size > 0) this.readNow(ids.map((id) => routes.partitionOfId(id)));
    else this.indexed();
  }

  /** Reads the named partitions that are still unread, then indexes every partition read. */
  private readNow(names: readonly string[]): void {
    for (const name of names) {
      if (!this.unread.has(name)) continue;
      const partition = this.residentPartition(name);
      // Still unread if this throws (a damaged file): never taken for an empty partition.
      partition.loadNow();
      this.unread.delete(name);
      this.routes?.delete(name);
      this.partitions.set(name, partition);
      this.unindexed.push(partition);
    }
    if (this.unread.size === 0) this.routes = undefined;
    if (this.unindexed.length === 0) return;
    const reading = this.unindexed;
    this.unindexed = [];
    for (const partition of reading) this.adopt(partition, false);
    // Appended as they came: each order is sorted once per batch read, not per document.
    this.indexes.sortOrders();
  }

  /** Every document in memory, with its id. */
  private *documents(): Iterable<[string, T]> {
    for (const partition of this.partitions.values()) yield* Object.entries(partition.docs);
  }

  /**
   * Puts a frozen document in memory; returns the partitions it changed. With `replaced`, the
   * document it replaces is left in the orders, to be dropped with the others of its put.
   */
  private store(doc: T, replaced?: Replaced<T>): Partition<T>[] {
    const id = this.layout.id(doc);
    const previous = this.where.get(id);
    const target = this.partitionNamed(this.layout.partition(doc));
    const touched = [target];
    const replacing = previous?.docs[id];
    if (previous && previous !== target) {
      previous.delete(id);
      touched.push(previous);
    }
    target.set(id, doc);
    this.where.set(id, target);
    if (replacing !== undefined && replaced) this.indexes.replace(id, replacing, doc, replaced);
    else {
      if (replacing !== undefined) this.indexes.remove(id, replacing);
      this.indexes.add(id, doc);
    }
    return touched;
  }

  /** Removes a document from memory; returns the partition it was in. */
  private forget(id: string): Partition<T> | undefined {
    const partition = this.where.get(id);
    if (!partition) return undefined;
    this.indexes.remove(id, partition.docs[id] as T);
    partition.delete(id);
    this.where.delete(id);
    return partition;
  }

  /** Resolves once changes made in memory are on disk: in their partitions, or in the log. */
  private persist(touched: Set<Partition<T>>, changes: LoggedChange<T>[]): Promise<void> {
    return this.log ? this.log.append(touched, changes) : flushAll(touched);
  }

  private partitionNamed(name: string): Partition<T> {
    // A partition still unread is read before a document goes in, never written over.
    this.readNow([name]);
    let partition = this.partitions.get(name);
    if (!partition) {
      partition = this.residentPartition(name);
      this.partitions.set(name, partition);
      // A change to a partition left on disk must never write over the documents in its file.
      if (this.onDisk.delete(name)) {
        partition.loadNow();
        // Its file is written from now on: a snapshot still to read it takes these instead.
        for (const snapshot of this.pinned) snapshot.broughtIn(name, partition.docs);
        this.adopt(partition, true);
      }
    }
    return partition;
  }

  /** A partition to be held in memory, its documents sharing their repeated values. */
  private residentPartition(name: string): Partition<T> {
    return new Partition<T>(this.fileOf(name), this.layout.shareValues);
  }

  private fileOf(name: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`bad partition name: ${name}`);
    return join(this.dir, `${name}.json`);
  }

  /**
   * Indexes a partition just read (see `CollectionIndexes.add`). `sorted` false: appended to
   * the orders as they come (`readNow` sorts each order once).
   */
  private adopt(partition: Partition<T>, sorted: boolean): void {
    for (const [id, doc] of Object.entries(partition.docs)) {
      this.where.set(id, partition);
      this.indexes.add(id, doc, sorted);
    }
  }
}

/** The unread partitions whose keys may hold `key`. */
function holding(routes: Map<string, KeyHashes>, key: string): string[] {
  return [...routes].filter(([, hashes]) => mayHold(hashes, key)).map(([name]) => name);
}
