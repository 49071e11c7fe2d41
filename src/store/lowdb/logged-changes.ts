import { ChangeLog, type LoggedChange } from "./change-log.js";
import { flushAll, type Partition } from "./partition.js";

/**
 * A collection's change log and the partitions whose changes are only in it. Changes are
 * appended as they are made (one fsync for those of a tick); a checkpoint writes the partitions
 * they changed, which then hold everything the log's older files hold, and drops those files.
 */
export class LoggedChanges<T> {
  private readonly log: ChangeLog<T>;
  /** Partitions changed since the last checkpoint: their files lack what the log holds. */
  private readonly dirty = new Set<Partition<T>>();
  private checkpointing: Promise<void> | undefined;

  /**
   * `written` runs at a checkpoint once the partitions are written, before the log is cut:
   * what must be on disk beside them first (the keys files).
   */
  constructor(
    dir: string,
    private readonly checkpointEvery: number,
    private readonly written: (partitions: ReadonlySet<Partition<T>>) => Promise<void>,
  ) {
    this.log = new ChangeLog<T>(dir);
  }

  /** Replays the log's changes (see `ChangeLog.replay`); resolves with how many files it read. */
  replay(apply: (change: LoggedChange<T>) => void): Promise<number> {
    return this.log.replay(apply);
  }

  /** Notes a partition changed in memory by a change the log holds (one replayed). */
  changed(partition: Partition<T>): void {
    this.dirty.add(partition);
  }

  /** Whether the log holds changes of any of these partitions, or a checkpoint is under way. */
  holdsChangesOf(partitions: readonly Partition<T>[]): boolean {
    return this.checkpointing !== undefined || partitions.some((p) => this.dirty.has(p));
  }

  /**
   * Appends changes made to `touched`; resolves once they are on disk in the log. A checkpoint
   * starts once the log holds `checkpointEvery` changes.
   */
  append(touched: ReadonlySet<Partition<T>>, changes: LoggedChange<T>[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    for (const partition of touched) this.dirty.add(partition);
    const appended = this.log.append(changes);
    // Not awaited by the writer: its change is durable in the log; a failed checkpoint leaves
    // the log as it is, and the next one (or `flush`) tries again.
    if (this.log.size >= this.checkpointEvery && !this.checkpointing) {
      this.checkpoint().catch(() => undefined);
    }
    return appended;
  }

  /** Resolves once every change so far is in its partition's file. */
  async flush(): Promise<void> {
    await this.checkpointing?.catch(() => undefined);
    if (this.dirty.size > 0 || this.log.size > 0) await this.checkpoint();
  }

  /**
   * Cuts the log: later changes go to a new file, the partitions changed so far are written
   * (they hold everything the old files hold), then the old files go.
   */
  checkpoint(): Promise<void> {
    this.checkpointing ??= (async () => {
      try {
        const next = await this.log.rotate();
        const dirty = new Set(this.dirty);
        this.dirty.clear();
        try {
          await flushAll(dirty);
        } catch (error) {
          for (const partition of dirty) this.dirty.add(partition);
          throw error;
        }
        await this.written(dirty);
        await this.log.dropBefore(next);
      } finally {
        this.checkpointing = undefined;
      }
    })();
    return this.checkpointing;
  }
}
