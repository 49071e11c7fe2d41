import { rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { OutboxItem, OutboxPruneResult } from "../outbox-repository.js";
import { ended, foldIntoSummary, type PurposeSummary } from "../outbox-summary.js";
import type { Collection } from "./collection.js";

/** A stored message as the pruning sees it: its id and the file it refers to. */
export interface PayloadRef {
  id: string;
  file?: { sha256: string };
}

/** What pruning works on: the outbox's collections, its files folder, and what is being saved. */
export interface PruneParts {
  items: Collection<OutboxItem>;
  summaries: Collection<PurposeSummary>;
  payloads: Pick<Collection<PayloadRef>, "all" | "removeMany">;
  filesDir: string;
  /**
   * Payload ids and file hashes saved and not enqueued yet: referenced by nothing for a
   * moment, they must not go.
   */
  recentlySaved: () => ReadonlySet<string>;
  /** Payload ids the sends left on disk refer to (see `OutboxHistory`): they stay. */
  keptByHistory: () => ReadonlySet<string>;
}

const FILE_NAME = /^[0-9a-f]{64}$/;

/**
 * Forgets ended sends older than `finishedBefore`. Order makes a crash harmless: summaries
 * first (they cover the sends from then on), then the sends, then messages nothing refers to,
 * then files no message refers to; each step also finishes what an interrupted run left.
 */
export async function pruneOutbox(
  parts: PruneParts,
  finishedBefore: string,
): Promise<OutboxPruneResult> {
  const { items, summaries, payloads } = parts;

  const byPurpose = new Map<string, OutboxItem[]>();
  for (const item of items.all()) {
    if (!ended(item) || !item.finishedAt) continue;
    const cutoff = maxIso(finishedBefore, summaries.get(item.purpose)?.through);
    if (item.finishedAt >= cutoff) continue;
    const list = byPurpose.get(item.purpose) ?? [];
    list.push(item);
    byPurpose.set(item.purpose, list);
  }

  const folded: PurposeSummary[] = [];
  for (const [purpose, expired] of byPurpose) {
    const previous = summaries.get(purpose);
    if (previous && previous.through >= finishedBefore) continue;
    folded.push(foldIntoSummary(purpose, previous, finishedBefore, expired));
  }
  await summaries.putMany(folded);

  const gone = [...byPurpose.values()].flat().map((item) => item.key);
  await items.removeMany(gone);
  await items.dropEmptyFiles();

  // Decided in one tick with the removal (no await between), so a send enqueued meanwhile counts.
  const referenced = new Set([
    ...items.all().map((item) => item.payloadId),
    ...parts.keptByHistory(),
  ]);
  const saved = parts.recentlySaved();
  const unused = payloads
    .all()
    .filter((doc) => !referenced.has(doc.id) && !saved.has(doc.id))
    .map((doc) => doc.id);
  await payloads.removeMany(unused);

  return {
    items: gone.length,
    purposes: folded.length,
    payloads: unused.length,
    files: await removeUnreferencedFiles(parts),
  };
}

/** Deletes stored files no remaining message refers to (also those a crashed prune left). */
async function removeUnreferencedFiles(parts: PruneParts): Promise<number> {
  const names = await readdir(parts.filesDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const kept = new Set(parts.payloads.all().flatMap((doc) => (doc.file ? [doc.file.sha256] : [])));
  let removed = 0;
  for (const name of names) {
    if (!FILE_NAME.test(name) || kept.has(name)) continue;
    // A message saved while this runs marks its file first: checked right before each removal,
    // which is synchronous, so a file about to be reused is never taken from under it.
    if (parts.recentlySaved().has(name)) continue;
    rmSync(join(parts.filesDir, name), { force: true });
    removed += 1;
  }
  return removed;
}

function maxIso(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}
