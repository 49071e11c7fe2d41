import { Partition } from "./partition.js";

/**
 * Every document of a collection at one instant, handed out a batch at a time: first those in
 * memory, taken at the instant, then each partition left on disk at the instant, read from its
 * file afterwards, one file at a time, so a backup never holds the event loop for the whole
 * history (a province's million finished sends, read at once, held it about 5 s).
 *
 * The file of a partition left on disk is never written while it is left there: a change
 * brings the partition into memory first, reading the file as it does, and only then writes
 * it (`Collection.partitionNamed`). So the file is the instant's until its partition is brought
 * in; the collection then hands over the documents it read (`broughtIn`), and those are taken
 * instead of the file, which may be rewritten or removed from then on. Nothing is pinned on
 * disk (no link, no copy): a crash leaves nothing behind, and pinning costs nothing until a
 * partition is brought in.
 */
export class PinnedPartitions<T> implements AsyncIterable<readonly T[]> {
  /** Files of the partitions left on disk at the instant that are still to be read, by name. */
  private readonly unread: Map<string, string>;
  /** Documents of unread partitions as they were when brought into memory. */
  private readonly handedOver = new Map<string, T[]>();
  private released = false;

  constructor(
    private readonly resident: readonly T[],
    onDisk: ReadonlyMap<string, string>,
    /** Tells the collection to hand over nothing more. */
    private readonly unpin: () => void,
  ) {
    this.unread = new Map(onDisk);
  }

  /** A partition left on disk at the instant is brought into memory with these documents. */
  broughtIn(name: string, docs: Readonly<Record<string, T>>): void {
    // Copied now: the collection changes the record from here on.
    if (this.unread.has(name) && !this.handedOver.has(name)) {
      this.handedOver.set(name, Object.values(docs));
    }
  }

  /** The documents in memory at the instant, then each file's, the event loop turning between. */
  async *[Symbol.asyncIterator](): AsyncGenerator<readonly T[]> {
    yield this.resident;
    for (const [name, file] of this.unread) {
      const partition = new Partition<T>(file);
      await partition.load();
      this.stillPinned();
      // Brought in before the file was read, or while it was: the file may be newer than that.
      const docs = this.handedOver.get(name) ?? Object.values(partition.docs);
      this.unread.delete(name);
      this.handedOver.delete(name);
      yield docs;
    }
    this.stillPinned();
  }

  /** Stops pinning: for once the documents are read, or will not be (also on a failure). */
  release(): void {
    this.released = true;
    this.unread.clear();
    this.handedOver.clear();
    this.unpin();
  }

  /** Released before it was read to the end: what is left is no longer the instant's. */
  private stillPinned(): void {
    if (this.released) throw new Error("snapshot released before it was read");
  }
}
