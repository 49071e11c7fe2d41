import { mkdirSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomicallySync } from "./atomic-json-file.js";
import type { Collection } from "./collection.js";

/** The changes of one unit of work: documents stored and ids removed, per collection. */
export interface Changes {
  puts: { collection: string; docs: unknown[] }[];
  removes: { collection: string; ids: string[] }[];
}

/** A unit of work waiting for its turn. */
interface Queued {
  plan: () => { changes?: Changes; result: unknown };
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/**
 * Makes changes that span several collections atomic across a crash. The collections' files
 * are written one by one, so the changes are first written whole to one journal file (an
 * atomic rename); a crash before that leaves none of them, a crash after it leaves a journal
 * that the next start applies again (applying is idempotent: whole documents and removals).
 *
 * Units of work run one at a time, each seeing the ones before it, and commit in groups: the
 * units that arrive while a group is being written are planned one after another in memory,
 * then written with one journal and one write of each file touched. So a thousand reports
 * saved at once cost a few disk writes, not a thousand journals.
 */
export class UnitsOfWork {
  private readonly queue: Queued[] = [];
  private draining: Promise<void> | undefined;
  private counter = 0;

  constructor(
    private readonly dir: string,
    private readonly collection: (name: string) => Collection<unknown>,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Runs `plan` after every earlier unit of work: it reads the current state and returns the
   * changes to make (or none) and a result; resolves with the result once the changes are
   * durable.
   */
  run<R>(plan: () => { changes?: Changes; result: R }): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ plan, resolve: resolve as (result: unknown) => void, reject });
      this.draining ??= this.drain();
    });
  }

  /** Applies the journals a crash left behind; call once every collection is open. */
  async recover(): Promise<number> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const files = (await readdir(this.dir)).filter((f) => f.endsWith(".json")).sort();
    for (const file of files) {
      const path = join(this.dir, file);
      const written = JSON.parse(await readFile(path, "utf8")) as Changes | Changes[];
      // A journal holds the units of one group, in order (one unit alone in older journals).
      for (const changes of Array.isArray(written) ? written : [written]) {
        await Promise.all(this.apply(changes));
      }
      await rm(path, { force: true });
    }
    // Temporary files of a journal write the crash interrupted hold changes never applied.
    for (const file of await readdir(this.dir)) {
      if (file.endsWith(".tmp")) await rm(join(this.dir, file), { force: true });
    }
    return files.length;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // Let the rest of a burst join this group.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.commitGroup(this.queue.splice(0));
      }
    } finally {
      // In the same step as the last look at the queue: a unit queued after it starts a new drain.
      this.draining = undefined;
    }
  }

  /**
   * Plans each unit against the state the units before it left in memory, then writes the
   * journal before yielding: the collections' own writes, scheduled by the same changes, only
   * start after it, so no file can hold part of a group the journal does not.
   */
  private async commitGroup(group: Queued[]): Promise<void> {
    const planned: { entry: Queued; result: unknown }[] = [];
    const units: Changes[] = [];
    const writes: Promise<void>[] = [];
    for (const entry of group) {
      let outcome: ReturnType<Queued["plan"]>;
      try {
        outcome = entry.plan();
      } catch (error) {
        entry.reject(error);
        continue;
      }
      if (outcome.changes) {
        units.push(outcome.changes);
        writes.push(...this.apply(outcome.changes));
      }
      planned.push({ entry, result: outcome.result });
    }
    let journal: string | undefined;
    try {
      if (units.length > 0) {
        this.counter += 1;
        journal = join(this.dir, `${Date.now().toString().padStart(15, "0")}-${this.counter}.json`);
        writeFileAtomicallySync(journal, JSON.stringify(units));
      }
      await Promise.all(writes);
      if (journal) await rm(journal, { force: true });
    } catch (error) {
      for (const { entry } of planned) entry.reject(error);
      return;
    }
    for (const { entry, result } of planned) entry.resolve(result);
  }

  /** Makes the changes in memory at once; the promises resolve once they are on disk. */
  private apply(changes: Changes): Promise<void>[] {
    return [
      ...changes.puts.map(({ collection, docs }) => this.collection(collection).putMany(docs)),
      ...changes.removes.map(({ collection, ids }) => this.collection(collection).removeMany(ids)),
    ];
  }
}
