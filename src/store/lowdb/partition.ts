import { Low } from "lowdb";
import { AtomicJsonFile } from "./atomic-json-file.js";
import { GroupedWrites } from "./grouped-writes.js";

/** The content of one partition file: documents by id. */
export interface PartitionFile<T> {
  docs: Record<string, T>;
}

/**
 * One small JSON file of a collection, held in memory. Writes are coalesced: every change made
 * before a write starts is carried by that write, and each caller's promise resolves only once
 * a write containing its change is on disk. A partition nothing changed is never rewritten, so
 * a shutdown writes only what changed.
 */
export class Partition<T> {
  private readonly low: Low<PartitionFile<T>>;
  private readonly adapter: AtomicJsonFile<PartitionFile<T>>;
  private readonly writes = new GroupedWrites(() => {
    this.changed = false;
    this.writesUnderWay += 1;
    return this.low
      .write()
      .catch((error: unknown) => {
        // Not on disk after all: the next flush writes it again.
        this.changed = true;
        throw error;
      })
      .finally(() => {
        this.writesUnderWay -= 1;
      });
  });
  /** Changed in memory since the last write started. */
  private changed = false;
  private writesUnderWay = 0;

  /** `shareValues`: see `CollectionLayout.shareValues`, applied to each document read. */
  constructor(
    readonly file: string,
    private readonly shareValues?: (doc: T, id: string) => void,
  ) {
    this.adapter = new AtomicJsonFile(file);
    this.low = new Low<PartitionFile<T>>(this.adapter, { docs: {} });
  }

  /** Loads the file from disk (an absent file is an empty partition). */
  async load(): Promise<void> {
    await this.low.read();
    this.share();
  }

  /** `load` without yielding, so no change can come between reading and using the documents. */
  loadNow(): void {
    this.low.data = this.adapter.readNow() ?? { docs: {} };
    this.share();
  }

  private share(): void {
    const { shareValues } = this;
    if (!shareValues) return;
    const { docs } = this.low.data;
    for (const id in docs) shareValues(docs[id] as T, id);
  }

  /** True when every change is on disk and no write is under way. */
  get settled(): boolean {
    return !this.changed && !this.writes.waiting && this.writesUnderWay === 0;
  }

  /** The documents, keyed by id. Callers change them only through `set` and `delete`. */
  get docs(): Record<string, T> {
    return this.low.data.docs;
  }

  /** Puts a document in memory; persist with `flush`. */
  set(id: string, doc: T): void {
    this.low.data.docs[id] = doc;
    this.changed = true;
  }

  /** Removes a document from memory; persist with `flush`. */
  delete(id: string): void {
    delete this.low.data.docs[id];
    this.changed = true;
  }

  /** Resolves once every change made so far is on disk. */
  flush(): Promise<void> {
    // Nothing new: the write under way (if any) carries every change made so far.
    if (!this.changed && !this.writes.waiting) return this.writes.underWay;
    return this.writes.request();
  }
}

/** Resolves once every change to these partitions is on disk. */
export async function flushAll<T>(partitions: Iterable<Partition<T>>): Promise<void> {
  const waiting = [...partitions];
  const writer = async () => {
    for (let next = waiting.shift(); next; next = waiting.shift()) await next.flush();
  };
  await Promise.all(Array.from({ length: Math.min(WRITTEN_AT_ONCE, waiting.length) }, writer));
}

/**
 * Partition files written at once by `flushAll`. Each write holds its file's whole text, and
 * the same as bytes, until it is on disk: a checkpoint of all 64 member files of a province
 * just imported held them all at once, several hundred MB, where a few at a time hold a few MB.
 */
const WRITTEN_AT_ONCE = 4;
