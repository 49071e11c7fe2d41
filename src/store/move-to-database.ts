import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { canonicalJson } from "./canonical-json.js";
import { filesDir } from "./files-dir.js";
import { openStoreForCommand } from "./open-store.js";
import type { FileSection } from "./postgres/backup-sections.js";
import { isLowStore } from "./restore-snapshot.js";
import type { Snapshot } from "./snapshot.js";
import type { Store } from "./store.js";

/** One collection's documents in the data folder and in the database after the copy. */
export interface CollectionCount {
  collection: string;
  source: number;
  target: number;
}

/** What a move did and whether the copy reads back the same. */
export interface MoveResult {
  ok: true;
  collections: CollectionCount[];
  /** Files copied into the database (kept files and those of outbox messages). */
  files: number;
  /** Files of outbox messages that were not on disk. */
  missingFiles: number;
  /** sha256 of every report version, in the folder and in the database. */
  reportsChecksum: { source: string; target: string };
  /** Every count and the reports' checksum agree. */
  verified: boolean;
}

/** The sections holding weekly reports, every version: what the checksum covers. */
const REPORT_COLLECTIONS = ["reports", "report-history"];

const payloadWithFile = z.object({ file: z.object({ sha256: z.string() }) });

/**
 * Copies a data folder's store into PostgreSQL: every collection and the outbox's file bytes,
 * then reads it back and compares the count of every collection and a checksum of the
 * reports. Safe to run again: documents are stored by id, so a second run replaces each with
 * itself. Refuses while a bot runs on the folder, which could change it midway.
 */
export async function moveToDatabase(
  dataDir: string,
  databaseUrl: string,
): Promise<MoveResult | { ok: false; reason: "bot-running" }> {
  const opened = await openStoreForCommand(dataDir);
  try {
    if (opened.mode !== "owner" || !isLowStore(opened.store)) {
      return { ok: false, reason: "bot-running" };
    }
    const records = opened.store.snapshot();
    const files = await outboxFiles(dataDir, records);
    const kept = await keptFiles(opened.store, files.hashes);
    const snapshot: Snapshot = {
      ...records,
      collections: {
        ...records.collections,
        ...(files.found.length > 0 ? { "outbox-files": files.found } : {}),
        ...(kept.length > 0 ? { "kept-files": kept } : {}),
      },
    };
    const { openPgStore } = await import("./postgres/pg-store.js");
    const target = await openPgStore(databaseUrl);
    try {
      await target.load(snapshot);
      const copied = await target.exportSnapshot();
      const collections = Object.entries(snapshot.collections).map(([collection, docs]) => ({
        collection,
        source: docs.length,
        target: copied.collections[collection]?.length ?? 0,
      }));
      const reportsChecksum = {
        source: reportsChecksumOf(snapshot),
        target: reportsChecksumOf(copied),
      };
      return {
        ok: true,
        collections,
        files: files.found.length + kept.length,
        missingFiles: files.missing,
        reportsChecksum,
        verified:
          collections.every((c) => c.source === c.target) &&
          reportsChecksum.source === reportsChecksum.target,
      };
    } finally {
      await target.close();
    }
  } finally {
    await opened.close();
  }
}

/** The bytes of every file an outbox message refers to, as a backup section holds them. */
async function outboxFiles(
  dataDir: string,
  snapshot: Snapshot,
): Promise<{ found: FileSection[]; missing: number; hashes: ReadonlySet<string> }> {
  const hashes = new Set<string>();
  for (const doc of snapshot.collections["outbox-payloads"] ?? []) {
    const parsed = payloadWithFile.safeParse(doc);
    if (parsed.success) hashes.add(parsed.data.file.sha256);
  }
  const found: FileSection[] = [];
  let missing = 0;
  for (const sha256 of [...hashes].sort()) {
    try {
      const bytes = await readFile(join(filesDir(dataDir), sha256));
      found.push({ id: sha256, base64: bytes.toString("base64") });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // Pruned or lost already: the message cannot be sent from the folder either.
      missing += 1;
    }
  }
  return { found, missing, hashes };
}

/**
 * Every kept file (photos, previews, audio), but not the outbox's files (kept apart, by their
 * hash) nor served links (temporary, made again on demand).
 */
async function keptFiles(store: Store, outboxHashes: ReadonlySet<string>): Promise<FileSection[]> {
  const found: FileSection[] = [];
  for (const key of await store.files.list("")) {
    if (outboxHashes.has(key) || key.startsWith("served/")) continue;
    const file = await store.files.get(key);
    if (file) found.push({ id: key, base64: Buffer.from(file.bytes).toString("base64") });
  }
  return found;
}

/** A checksum of every report version, whatever the order or key order they are read in. */
function reportsChecksumOf(snapshot: Snapshot): string {
  const lines = REPORT_COLLECTIONS.flatMap((name) =>
    (snapshot.collections[name] ?? []).map((doc) => `${name} ${canonicalJson(doc)}`),
  ).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}
