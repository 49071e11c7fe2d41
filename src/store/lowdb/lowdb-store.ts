import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Snapshot, SnapshotInBatches, SnapshotTarget } from "../snapshot.js";
import { writeSnapshotFile } from "../snapshot-file.js";
import type { RepositoryName, Store } from "../store.js";
import { openAudit } from "./audit-collection.js";
import { openBroadcasts } from "./broadcast-collection.js";
import { openChatMenus } from "./chat-menu-collection.js";
import { Collection } from "./collection.js";
import type { CollectionLayout, LoadOptions } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";
import { openAttempts, openClaims, openSequences } from "./coordination-collections.js";
import { openDialogs } from "./dialog-collection.js";
import { openInvites } from "./invite-collection.js";
import { openFiles } from "./kept-files.js";
import { memberRepository, openMemberCollection } from "./member-collection.js";
import { type Migration, runMigrations } from "./migrations.js";
import { openOutbox } from "./outbox-collection.js";
import {
  openCampaigns,
  openCriteria,
  openOrganisations,
  openReportFields,
  openUnits,
} from "./reference-collections.js";
import { openReports } from "./report-collection.js";
import { openStories } from "./story-collection.js";
import { openSummaries } from "./summary-collection.js";
import { UnitsOfWork } from "./unit-of-work.js";

/** The lowdb adapter of the Store port, plus what only the owning process may do. */
export interface LowStore extends Store, SnapshotTarget {
  /**
   * Reads what a first answer does not need, left unread at open so the bot answers sooner:
   * the big collections (reports, summaries, audit; a use of one before then reads it at once)
   * and the member files no message has needed yet. Then builds every index not built yet.
   * Rejects on a damaged file, as opening would.
   */
  readRest(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the lowdb store under `dataDir/db`: one folder per collection, each split into small
 * JSON files (mode 0600), so a write rewrites only the file it changed.
 */
export async function openLowStore(
  dataDir: string,
  migrations: readonly Migration[] = [],
): Promise<LowStore> {
  const dbDir = join(dataDir, "db");
  await mkdir(dbDir, { recursive: true, mode: 0o700 });
  const collections = new Map<string, Collection<unknown>>();
  const versions: Partial<Record<RepositoryName, number>> = {};
  // The opener of a repository's collections: a write to any of them counts for it.
  const openFor =
    (repository: RepositoryName): CollectionOpener =>
    async <T>(name: string, layout: CollectionLayout<T>, options?: LoadOptions) => {
      // Counted from 0, so a reader can tell "nothing written yet" from "not counted".
      versions[repository] ??= 0;
      const changed = () => {
        versions[repository] = (versions[repository] ?? 0) + 1;
      };
      const collection = new Collection<T>(join(dbDir, name), layout, changed);
      await collection.load(options);
      collections.set(name, collection as Collection<unknown>);
      return collection;
    };
  const units = new UnitsOfWork(join(dataDir, "journal"), (name) => {
    const collection = collections.get(name);
    if (!collection) throw new Error(`no collection ${name}`);
    return collection;
  });
  const sequenceValue = (name: string) =>
    (collections.get("sequences")?.get(name) as { value: number } | undefined)?.value ?? 0;

  const sequences = await openSequences(openFor("sequences"));
  const members = await openMemberCollection(openFor("members"));
  const outbox = await openOutbox(openFor("outbox"), dataDir);
  const store: Store = {
    units: await openUnits(openFor("units")),
    organisations: await openOrganisations(openFor("organisations")),
    criteria: await openCriteria(openFor("criteria")),
    campaigns: await openCampaigns(openFor("campaigns")),
    reportFields: await openReportFields(openFor("reportFields")),
    members: memberRepository(members),
    invites: await openInvites(openFor("invites"), members, sequences),
    claims: await openClaims(openFor("claims")),
    attempts: await openAttempts(openFor("attempts")),
    sequences,
    dialogs: await openDialogs(openFor("dialogs")),
    reports: await openReports(openFor("reports"), units, sequenceValue),
    outbox: outbox.repository,
    broadcasts: await openBroadcasts(openFor("broadcasts")),
    summaries: await openSummaries(openFor("summaries")),
    stories: await openStories(openFor("stories")),
    chatMenus: await openChatMenus(openFor("chatMenus")),
    files: openFiles(dataDir),
    audit: await openAudit(openFor("audit")),
    maintenance: {
      // The documents in memory are taken in one tick and are frozen, those left on disk are
      // pinned then and read after: the bot goes on while they are read and written.
      backup: async (file) => {
        const pinned = pinnedSnapshot();
        try {
          return { file, bytes: await writeSnapshotFile(file, pinned.snapshot) };
        } finally {
          pinned.release();
        }
      },
      flush: () => flushAll(),
      versions: async () => ({ ...versions }),
      // The files are in this process: open means ready.
      ping: async () => undefined,
    },
  };
  // A crash in the middle of a unit of work is finished before anything reads the store.
  await units.recover();
  const schemaVersion = await runMigrations(dbDir, collections, migrations);

  const flushAll = async () => {
    await Promise.all([...collections.values()].map((c) => c.flush()));
  };
  const snapshot = (now = new Date()): Snapshot => ({
    format: "chung-suc-backup",
    schemaVersion,
    createdAt: now.toISOString(),
    collections: Object.fromEntries([...collections].map(([name, c]) => [name, c.allStored()])),
  });
  /** `snapshot` whose partitions left on disk are read later; `release` once written, or not. */
  const pinnedSnapshot = (now = new Date()) => {
    const pinned = [...collections].map(([name, c]) => [name, c.pinAllStored()] as const);
    const snapshot: SnapshotInBatches = {
      format: "chung-suc-backup",
      schemaVersion,
      createdAt: now.toISOString(),
      collections: Object.fromEntries(pinned),
    };
    const release = () => {
      for (const [, documents] of pinned) documents.release();
    };
    return { snapshot, release };
  };

  return {
    ...store,
    snapshot,
    readRest: async () => {
      for (const collection of collections.values()) await collection.readRest();
      // One collection at a time, letting the updates that came meanwhile go first.
      for (const collection of collections.values()) {
        await new Promise((resolve) => setImmediate(resolve));
        collection.indexAll();
      }
    },
    load: async (data) => {
      if (data.format !== "chung-suc-backup") throw new Error("not a Chung Sức backup file");
      if (data.schemaVersion > schemaVersion) {
        throw new Error(`backup is from a newer version (schema ${data.schemaVersion})`);
      }
      const unknown = Object.keys(data.collections).find((name) => !collections.has(name));
      if (unknown) throw new Error(`backup holds an unknown collection: ${unknown}`);
      const writes: Promise<void>[] = [];
      for (const [name, docs] of Object.entries(data.collections)) {
        const collection = collections.get(name) as Collection<unknown>;
        writes.push(collection.putMany(docs));
      }
      await Promise.all(writes);
    },
    close: async () => {
      await outbox.putAwayHistory();
      await flushAll();
    },
  };
}

/** True when the folder holds no stored data yet. */
export async function isEmptyDataDir(dataDir: string): Promise<boolean> {
  try {
    const entries = await readdir(join(dataDir, "db"), { recursive: true });
    return !entries.some(
      (entry) => String(entry).endsWith(".json") && !String(entry).endsWith("meta.json"),
    );
  } catch {
    return true;
  }
}
