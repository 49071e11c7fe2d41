import { randomUUID } from "node:crypto";
import type { WriteMark } from "./collection-layout.js";

/**
 * The ids of a collection's latest writes, so a reader can ask what changed since its mark
 * (`Collection.writtenSince`): at most about twice `kept` are remembered, none with `kept` unset.
 */
export class RecentWrites {
  /** Ids of the latest writes, oldest first; `dropped` older ones are forgotten. */
  private readonly ids: string[] = [];
  private dropped = 0;
  /** Names this opening of the collection, so a mark made before a restart is not read on. */
  private readonly opening = randomUUID();

  constructor(private readonly kept: number | undefined) {}

  note(id: string): void {
    if (!this.kept) return;
    this.ids.push(id);
    // Forgotten in batches, so that a write does not shift the whole list.
    if (this.ids.length >= 2 * this.kept) {
      const dropped = this.ids.length - this.kept;
      this.ids.splice(0, dropped);
      this.dropped += dropped;
    }
  }

  /** The mark of the writes made so far. */
  mark(): WriteMark {
    return { opening: this.opening, count: this.dropped + this.ids.length };
  }

  /** Ids written since `mark`; undefined when it is of another opening, or older than those kept. */
  since(mark: WriteMark): Set<string> | undefined {
    const from = mark.count - this.dropped;
    if (mark.opening !== this.opening || from < 0 || from > this.ids.length) return undefined;
    return new Set(this.ids.slice(from));
  }
}
