import { join } from "node:path";
import type { OutboxItem, OutboxProgress, OutboxPruneResult } from "../outbox-repository.js";
import { ended, type PurposeSummary, progressWithSummary } from "../outbox-summary.js";
import { Collection } from "./collection.js";
import { fnv1a, hashPartition } from "./collection-layout.js";

/** Files per purpose: a broadcast to 2,000 members rewrites files of ~125 small items each. */
const PARTITIONS_PER_PURPOSE = 16;

/** The file (partition) of a send: one of a few named after its purpose. */
export function outboxPartition(item: Pick<OutboxItem, "key" | "purpose">): string {
  return `${purposeSlug(item.purpose)}.${fnv1a(item.key) % PARTITIONS_PER_PURPOSE}`;
}

/** Every file a purpose's sends can be in. */
function partitionsOf(purpose: string): string[] {
  const slug = purposeSlug(purpose);
  return Array.from({ length: PARTITIONS_PER_PURPOSE }, (_, n) => `${slug}.${n}`);
}

/** The purpose whose slug was made last, and that slug: a batch's sends come one after another. */
let lastSlug = { purpose: "", slug: "" };

/** A file-name-safe, collision-free name for a purpose (`broadcast:42` → `broadcast_42-1x2y3z`). */
function purposeSlug(purpose: string): string {
  if (lastSlug.purpose === purpose) return lastSlug.slug;
  const readable = purpose.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 48);
  lastSlug = { purpose, slug: `${readable}-${fnv1a(purpose).toString(36)}` };
  return lastSlug.slug;
}

/**
 * What is kept in memory of a purpose whose sends have all ended, once their files are left on
 * disk: enough to answer its progress, to start, and to prune, without reading them.
 */
export interface EndedPurpose {
  purpose: string;
  /** Its progress, which no longer changes (a prune keeps the counts of what it forgets). */
  progress: OutboxProgress;
  /** The messages its sends refer to, which a prune must keep. */
  payloadIds: string[];
  /** The highest enqueue number among its sends. */
  lastSeq: number;
  /** When the earliest of its sends still in the ledger finished: a prune before has none to take. */
  firstFinishedAt?: string;
}

/** Opens the list of ended purposes (`db/outbox-ended/`), kept out of snapshots: it is derived. */
export async function openEndedPurposes(dataDir: string): Promise<Collection<EndedPurpose>> {
  const endedPurposes = new Collection<EndedPurpose>(join(dataDir, "db", "outbox-ended"), {
    id: (entry) => entry.purpose,
    partition: hashPartition(16, (entry) => entry.purpose),
  });
  await endedPurposes.load();
  return endedPurposes;
}

/** Which outbox files start-up leaves on disk: those of ended purposes. */
export function endedFiles(
  endedPurposes: Collection<EndedPurpose>,
): (partition: string) => boolean {
  const slugs = new Set(endedPurposes.all().map((entry) => purposeSlug(entry.purpose)));
  return (partition) => slugs.has(partition.slice(0, partition.lastIndexOf(".")));
}

/**
 * The outbox's history: a year of finished broadcasts is a million sends, too many to read at
 * every start or to hold in memory. Once every send of a purpose has ended, the purpose is
 * written down in `endedPurposes` and its files are left on disk; they are read again to list
 * its sends, to prune them, or for good when it gets a new send.
 *
 * Order keeps a crash harmless: a purpose is written down only once its files hold every change
 * and no send of it is queued or sending, and it is struck off before it takes a new send. Only
 * the lowdb outbox uses this; a backup reads the files left on disk, one at a time after its
 * instant (`Collection.pinAllStored`).
 */
export class OutboxHistory {
  /** Purposes being put away or brought back: a new send for them waits. */
  private readonly moving = new Map<string, Promise<void>>();
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly endedPurposes: Collection<EndedPurpose>,
    private readonly items: Collection<OutboxItem>,
    private readonly summaries: Collection<PurposeSummary>,
  ) {}

  /** The record of a purpose whose files are left on disk. */
  ended(purpose: string): EndedPurpose | undefined {
    return this.endedPurposes.get(purpose);
  }

  /** The highest enqueue number of the sends left on disk. */
  lastSeq(): number {
    let last = 0;
    for (const entry of this.endedPurposes.all()) last = Math.max(last, entry.lastSeq);
    return last;
  }

  /** The messages the sends left on disk refer to. */
  payloadIds(): Set<string> {
    return new Set(this.endedPurposes.all().flatMap((entry) => entry.payloadIds));
  }

  /** A purpose's sends, also when they are only on disk (read anew each time). */
  async sendsOf(purpose: string): Promise<OutboxItem[]> {
    const sends = await this.items.readFromDisk(partitionsOf(purpose));
    return sends.filter((item) => item.purpose === purpose);
  }

  /** A send left on disk, by key: its purpose's files are read, those whose key it starts first. */
  async find(key: string): Promise<OutboxItem | undefined> {
    const purposes = this.endedPurposes
      .all()
      .map((entry) => entry.purpose)
      .sort((a, b) => Number(key.startsWith(`${b}:`)) - Number(key.startsWith(`${a}:`)));
    for (const purpose of purposes) {
      const sends = await this.items.readFromDisk([outboxPartition({ key, purpose })]);
      const match = sends.find((candidate) => candidate.key === key);
      if (match) return match;
    }
    return undefined;
  }

  /**
   * Brings the named purposes' sends back into memory for good, before they take a new send;
   * resolves once none of them is on disk or on its way there.
   */
  async bringBack(purposes: Iterable<string>): Promise<void> {
    const wanted = [...new Set(purposes)];
    for (;;) {
      const busy = wanted.flatMap((purpose) => this.moving.get(purpose) ?? []);
      if (busy.length === 0) break;
      await Promise.all(busy);
    }
    const back = wanted.filter((purpose) => this.endedPurposes.get(purpose));
    if (back.length === 0) return;
    await this.whileMoving(back, async () => {
      for (const purpose of back) this.items.bringIn(partitionsOf(purpose));
      await this.endedPurposes.removeMany(back);
    });
    // Another caller may have put one away again meanwhile.
    await this.bringBack(back);
  }

  /**
   * Brings back whole, at start, the purposes on record as ended some of whose sends the change
   * log's replay brought in: a crash after a purpose was written down, before a checkpoint put
   * its last changes in its files. Put away again from part of its sends, its record would
   * count only those.
   */
  async bringBackReplayed(): Promise<void> {
    const replayed = this.endedPurposes
      .all()
      .map((entry) => entry.purpose)
      .filter((purpose) => this.items.find("purpose", purpose).length > 0);
    await this.bringBack(replayed);
  }

  /**
   * Leaves on disk the sends of every purpose in memory whose sends have all ended; returns how
   * many purposes. Called at start, at shutdown and after a prune.
   */
  putAway(): Promise<number> {
    return this.inTurn(() => this.putAwayNow());
  }

  /**
   * Runs a prune over the whole ledger: on what is in memory, then on each ended purpose with
   * something old enough, brought back one at a time so memory stays small, then put away again.
   */
  prune(
    finishedBefore: string,
    pruneInMemory: () => Promise<OutboxPruneResult>,
  ): Promise<OutboxPruneResult> {
    return this.inTurn(async () => {
      const result = await pruneInMemory();
      const due = this.endedPurposes
        .all()
        .filter((entry) => entry.firstFinishedAt !== undefined)
        .filter((entry) => (entry.firstFinishedAt as string) < finishedBefore)
        .map((entry) => entry.purpose);
      for (const purpose of due) {
        await this.bringBack([purpose]);
        const more = await pruneInMemory();
        result.items += more.items;
        result.purposes += more.purposes;
        result.payloads += more.payloads;
        result.files += more.files;
        await this.putAwayNow();
      }
      await this.putAwayNow();
      return result;
    });
  }

  private async putAwayNow(): Promise<number> {
    const byPurpose = new Map<string, OutboxItem[]>();
    for (const item of this.items.all()) {
      const list = byPurpose.get(item.purpose) ?? [];
      list.push(item);
      byPurpose.set(item.purpose, list);
    }
    const entries: EndedPurpose[] = [];
    for (const [purpose, sends] of byPurpose) {
      if (this.moving.has(purpose) || !sends.every(ended)) continue;
      entries.push(this.entryFor(purpose, sends));
    }
    if (entries.length === 0) return 0;
    const purposes = entries.map((entry) => entry.purpose);
    let left = 0;
    await this.whileMoving(purposes, async () => {
      // Their files first take every change the ledger's log holds, then they are written down.
      await this.items.flush();
      await this.endedPurposes.putMany(entries);
      const notLeft: string[] = [];
      for (const purpose of purposes) {
        const count = byPurpose.get(purpose)?.length ?? 0;
        // Unchanged since it was written down: still all ended, none added or removed.
        const unchanged = () => {
          const now = this.items.find("purpose", purpose);
          return now.length === count && now.every(ended);
        };
        if (await this.items.leaveOnDisk(partitionsOf(purpose), unchanged)) left += 1;
        else notLeft.push(purpose);
      }
      await this.endedPurposes.removeMany(notLeft);
    });
    return left;
  }

  private entryFor(purpose: string, sends: readonly OutboxItem[]): EndedPurpose {
    const summary = this.summaries.get(purpose);
    let firstFinishedAt: string | undefined;
    let lastSeq = 0;
    for (const item of sends) {
      lastSeq = Math.max(lastSeq, item.seq ?? 0);
      // Sends a crashed prune counted but did not remove count too: the next prune takes them.
      if (!item.finishedAt) continue;
      if (!firstFinishedAt || item.finishedAt < firstFinishedAt) firstFinishedAt = item.finishedAt;
    }
    return {
      purpose,
      progress: progressWithSummary(purpose, summary, sends),
      payloadIds: [...new Set(sends.map((item) => item.payloadId))],
      lastSeq,
      ...(firstFinishedAt ? { firstFinishedAt } : {}),
    };
  }

  private async whileMoving(purposes: readonly string[], move: () => Promise<void>): Promise<void> {
    let done: () => void = () => undefined;
    const moved = new Promise<void>((resolve) => {
      done = resolve;
    });
    for (const purpose of purposes) this.moving.set(purpose, moved);
    try {
      await move();
    } finally {
      for (const purpose of purposes) this.moving.delete(purpose);
      done();
    }
  }

  /** Putting away and pruning take turns, so neither sees the other half done. */
  private inTurn<R>(work: () => Promise<R>): Promise<R> {
    const run = this.turn.catch(() => undefined).then(work);
    this.turn = run;
    return run;
  }
}
