import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomically } from "./atomic-json-file.js";
import type { Collection } from "./collection.js";

/** The changes of one unit of work: documents stored and ids removed, per collection. */
export interface Changes {
  puts: { collection: string; docs: unknown[] }[];
  removes: { collection: string; ids: string[] }[];
}

/**
 * Makes changes that span several collections atomic across a crash. The collections' files
 * are written one by one, so the changes are first written whole to one journal file (an
 * atomic rename); a crash before that leaves none of them, a crash after it leaves a journal
 * that the next start applies again (applying is idempotent: whole documents and removals).
 * Units of work run one at a time, so each sees the one before it.
 */
export class UnitsOfWork {
  private running: Promise<unknown> = Promise.resolve();
  private counter = 0;

  constructor(
    private readonly dir: string,
    private readonly collection: (name: string) => Collection<unknown>,
  ) {}

  /**
   * Runs `plan` after every earlier unit of work: it reads the current state and returns the
   * changes to make (or none) and a result; resolves with the result once the changes are
   * durable.
   */
  run<R>(plan: () => { changes?: Changes; result: R }): Promise<R> {
    const next = this.running.then(async () => {
      const { changes, result } = plan();
      if (changes) await this.commit(changes);
      return result;
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Applies the journals a crash left behind; call once every collection is open. */
  async recover(): Promise<number> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const files = (await readdir(this.dir)).filter((f) => f.endsWith(".json")).sort();
    for (const file of files) {
      const path = join(this.dir, file);
      const changes = JSON.parse(await readFile(path, "utf8")) as Changes;
      await this.apply(changes);
      await rm(path, { force: true });
    }
    // Temporary files of a journal write the crash interrupted hold changes never applied.
    for (const file of await readdir(this.dir)) {
      if (file.endsWith(".tmp")) await rm(join(this.dir, file), { force: true });
    }
    return files.length;
  }

  private async commit(changes: Changes): Promise<void> {
    this.counter += 1;
    const name = `${Date.now().toString().padStart(15, "0")}-${this.counter}.json`;
    const path = join(this.dir, name);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomically(path, JSON.stringify(changes));
    await this.apply(changes);
    await rm(path, { force: true });
  }

  private async apply(changes: Changes): Promise<void> {
    await Promise.all([
      ...changes.puts.map(({ collection, docs }) => this.collection(collection).put(...docs)),
      ...changes.removes.map(({ collection, ids }) => this.collection(collection).remove(...ids)),
    ]);
  }
}
