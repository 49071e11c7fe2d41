import { Low } from "lowdb";
import { AtomicJsonFile } from "./atomic-json-file.js";

/** The content of one partition file: documents by id. */
export interface PartitionFile<T> {
  docs: Record<string, T>;
}

/**
 * One small JSON file of a collection, held in memory. Writes are coalesced: every change made
 * before a write starts is carried by that write, and each caller's promise resolves only once
 * a write containing its change is on disk.
 */
export class Partition<T> {
  private readonly low: Low<PartitionFile<T>>;
  private writing: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;

  constructor(readonly file: string) {
    this.low = new Low<PartitionFile<T>>(new AtomicJsonFile(file), { docs: {} });
  }

  /** Loads the file from disk (an absent file is an empty partition). */
  async load(): Promise<void> {
    await this.low.read();
  }

  /** The documents, keyed by id. Callers change them only through `set` and `delete`. */
  get docs(): Record<string, T> {
    return this.low.data.docs;
  }

  /** Puts a document in memory; persist with `flush`. */
  set(id: string, doc: T): void {
    this.low.data.docs[id] = doc;
  }

  /** Removes a document from memory; persist with `flush`. */
  delete(id: string): void {
    delete this.low.data.docs[id];
  }

  /** Resolves once every change made so far is on disk. */
  flush(): Promise<void> {
    if (!this.pending) {
      const previous = this.writing;
      this.pending = (async () => {
        // Let the rest of this burst of changes join the same write.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await previous.catch(() => undefined);
        this.pending = undefined;
        this.writing = this.low.write();
        await this.writing;
      })();
    }
    return this.pending;
  }
}
