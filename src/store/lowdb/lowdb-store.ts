import { mkdir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Snapshot, SnapshotTarget } from "../snapshot.js";
import type { Store } from "../store.js";
import { writeFileAtomically } from "./atomic-json-file.js";
import { openBroadcasts } from "./broadcast-collection.js";
import { openChatMenus } from "./chat-menu-collection.js";
import { Collection, type CollectionLayout } from "./collection.js";
import type { CollectionOpener } from "./collection-opener.js";
import { openAttempts, openClaims, openSequences } from "./coordination-collections.js";
import { openDialogs } from "./dialog-collection.js";
import { openInvites } from "./invite-collection.js";
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

/** The lowdb adapter of the Store port, plus what only the owning process may do. */
export interface LowStore extends Store, SnapshotTarget {
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
  const open: CollectionOpener = async <T>(name: string, layout: CollectionLayout<T>) => {
    const collection = new Collection<T>(join(dbDir, name), layout);
    await collection.load();
    collections.set(name, collection as Collection<unknown>);
    return collection;
  };

  const sequences = await openSequences(open);
  const members = await openMemberCollection(open);
  const store: Store = {
    units: await openUnits(open),
    organisations: await openOrganisations(open),
    criteria: await openCriteria(open),
    campaigns: await openCampaigns(open),
    reportFields: await openReportFields(open),
    members: memberRepository(members),
    invites: await openInvites(open, members, sequences),
    claims: await openClaims(open),
    attempts: await openAttempts(open),
    sequences,
    dialogs: await openDialogs(open),
    reports: await openReports(open),
    outbox: await openOutbox(open, dataDir),
    broadcasts: await openBroadcasts(open),
    summaries: await openSummaries(open),
    stories: await openStories(open),
    chatMenus: await openChatMenus(open),
    maintenance: {
      backup: async (file) => {
        const text = JSON.stringify(snapshot());
        await writeFileAtomically(file, text);
        return { file, bytes: (await stat(file)).size };
      },
      flush: () => flushAll(),
    },
  };
  const schemaVersion = await runMigrations(dbDir, collections, migrations);

  const flushAll = async () => {
    await Promise.all([...collections.values()].map((c) => c.flush()));
  };
  const snapshot = (now = new Date()): Snapshot => ({
    format: "chung-suc-backup",
    schemaVersion,
    createdAt: now.toISOString(),
    collections: Object.fromEntries([...collections].map(([name, c]) => [name, c.all()])),
  });

  return {
    ...store,
    snapshot,
    load: async (data) => {
      if (data.format !== "chung-suc-backup") throw new Error("not a Chung Sức backup file");
      if (data.schemaVersion > schemaVersion) {
        throw new Error(`backup is from a newer version (schema ${data.schemaVersion})`);
      }
      await Promise.all(
        Object.entries(data.collections).map(([name, docs]) => {
          const collection = collections.get(name);
          if (!collection) throw new Error(`backup holds an unknown collection: ${name}`);
          return collection.put(...docs);
        }),
      );
    },
    close: flushAll,
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
