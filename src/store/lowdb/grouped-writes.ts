/**
 * Writes requested in one tick share one write (and its fsync): the first request waits for the
 * rest of the tick and for the write before it, then `write` runs once and carries every change
 * made until it starts. Each request resolves once a write holding its change is on disk.
 */
export class GroupedWrites {
  private pending: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly write: () => Promise<void>) {}

  /** A write is requested and has not started yet. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  /** The write under way, or the last one: it carries every change made before it started. */
  get underWay(): Promise<void> {
    return this.writing;
  }

  /** Resolves once a write started after this call is on disk. */
  request(): Promise<void> {
    if (!this.pending) {
      const previous = this.writing;
      this.pending = (async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        await previous.catch(() => undefined);
        this.pending = undefined;
        this.writing = this.write();
        await this.writing;
      })();
    }
    return this.pending;
  }

  /** Resolves once every write requested so far has ended, well or not. */
  async settle(): Promise<void> {
    await (this.pending ?? this.writing).catch(() => undefined);
  }
}
