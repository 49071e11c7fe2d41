import type pg from "pg";
import type { SharedPace } from "../../delivery/shared-pace.js";
import type { ChatLock } from "../../features/chat-turns.js";
import { SCHEMA_VERSION as DOCUMENT_VERSION } from "../lowdb/migrations.js";
import type { Snapshot, SnapshotInBatches } from "../snapshot.js";
import { writeSnapshotFile } from "../snapshot-file.js";
import type { RepositoryName, Store } from "../store.js";
import { auditRepository } from "./audit.js";
import { BACKUP_SECTIONS, BYTE_SECTIONS, type FileSection } from "./backup-sections.js";
import { broadcastRepository } from "./broadcasts.js";
import { chatLock } from "./chat-lock.js";
import { chatMenuRepository } from "./chat-menus.js";
import { attemptRepository, claimRepository, sequenceRepository } from "./coordination.js";
import { Database, type Queryable } from "./database.js";
import { dialogRepository } from "./dialogs.js";
import { docs, putDocs } from "./document-table.js";
import { fileRepository } from "./files.js";
import { inviteRepository } from "./invites.js";
import { memberRepository } from "./members.js";
import { CHANGE_SIGNALS, changeSequence, migrate } from "./migrations.js";
import { outboxRepository } from "./outbox.js";
import {
  campaignRepository,
  criteriaRepository,
  organisationRepository,
  reportFieldsRepository,
  unitRepository,
} from "./reference.js";
import { reportRepository } from "./reports.js";
import { sendPace } from "./send-pace.js";
import { storyRepository } from "./stories.js";
import { summaryRepository } from "./summaries.js";
import { DOCUMENT_TABLES } from "./tables.js";

/** The PostgreSQL adapter of the Store port, plus its logical export and import. */
export interface PgStore extends Store {
  /** Every document of every table, read in one transaction, so it is consistent. */
  exportSnapshot(now?: Date): Promise<Snapshot>;
  /** True when no table holds a record yet. */
  isEmpty(): Promise<boolean>;
  /** Loads a snapshot (of either adapter) into this store, in one transaction. */
  load(snapshot: Snapshot): Promise<void>;
  /** The channels' send slots, shared by every instance on this database. */
  sendPace: SharedPace;
  /** Chats held while an update is handled, against every instance on this database. */
  chatLock: ChatLock;
  close(): Promise<void>;
}

/**
 * Opens the store in a PostgreSQL database (in `schema`, when given, else the connection's
 * default), bringing its tables up to date first. Any number of instances may open the same
 * database: every write is a statement or a transaction that holds what it decides on.
 */
export async function openPgStore(
  connectionString: string,
  options: { schema?: string } = {},
): Promise<PgStore> {
  const db = new Database(connectionString, options.schema);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }

  const chats = chatLock(db);
  const exportSnapshot = (now = new Date()): Promise<Snapshot> =>
    db.transaction(async (tx) => {
      // One snapshot of the data for every table read below.
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const collections: Record<string, unknown[]> = {};
      for (const table of DOCUMENT_TABLES) {
        collections[table.collection] = await docs(
          tx,
          `SELECT doc FROM ${table.name} ORDER BY pos`,
        );
      }
      for (const [section, table] of Object.entries(BYTE_SECTIONS)) {
        const files = await tx.query<FileSection>(
          `SELECT id, encode(bytes, 'base64') AS base64 FROM ${table} ORDER BY id`,
        );
        if (files.rows.length === 0) continue;
        collections[section] = files.rows.map(fileSectionEntry);
      }
      return {
        format: "chung-suc-backup",
        schemaVersion: DOCUMENT_VERSION,
        createdAt: now.toISOString(),
        collections,
      };
    });

  return {
    units: unitRepository(db),
    organisations: organisationRepository(db),
    criteria: criteriaRepository(db),
    campaigns: campaignRepository(db),
    reportFields: reportFieldsRepository(db),
    members: memberRepository(db),
    invites: inviteRepository(db),
    claims: claimRepository(db),
    attempts: attemptRepository(db),
    sequences: sequenceRepository(db),
    dialogs: dialogRepository(db),
    reports: reportRepository(db),
    outbox: outboxRepository(db),
    broadcasts: broadcastRepository(db),
    summaries: summaryRepository(db),
    stories: storyRepository(db),
    chatMenus: chatMenuRepository(db),
    audit: auditRepository(db),
    files: fileRepository(db),
    maintenance: {
      // Written as it is read, a page of rows at a time, all from one snapshot of the data:
      // a province's million finished sends never sit in memory at once.
      backup: (file) =>
        db.transaction(async (tx) => {
          await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          const collections: SnapshotInBatches["collections"] = {};
          for (const table of DOCUMENT_TABLES) {
            collections[table.collection] = pagesOf(
              tx,
              table.name,
              `SELECT doc FROM ${table.name} ORDER BY pos`,
              DOCUMENTS_PER_PAGE,
              (row: { doc: unknown }) => row.doc,
            );
          }
          for (const [section, table] of Object.entries(BYTE_SECTIONS)) {
            const any = await tx.query(`SELECT 1 FROM ${table} LIMIT 1`);
            if (any.rows.length === 0) continue;
            collections[section] = pagesOf(
              tx,
              table,
              `SELECT id, encode(bytes, 'base64') AS base64 FROM ${table} ORDER BY id`,
              FILES_PER_PAGE,
              fileSectionEntry,
            );
          }
          const snapshot: SnapshotInBatches = {
            format: "chung-suc-backup",
            schemaVersion: DOCUMENT_VERSION,
            createdAt: new Date().toISOString(),
            collections,
          };
          return { file, bytes: await writeSnapshotFile(file, snapshot) };
        }),
      // Every write is committed before its promise resolves: nothing is left to flush.
      flush: async () => undefined,
      versions: async () => {
        const names = Object.keys(CHANGE_SIGNALS) as RepositoryName[];
        const result = await db.query<{ name: RepositoryName; value: string }>(
          names
            .map(
              (name) =>
                `SELECT '${name}' AS name, last_value AS value FROM ${changeSequence(name)}`,
            )
            .join(" UNION ALL "),
        );
        return Object.fromEntries(result.rows.map((row) => [row.name, Number(row.value)]));
      },
      ping: async () => {
        await db.query("SELECT 1");
      },
    },
    exportSnapshot,
    sendPace: sendPace(db),
    isEmpty: async () => {
      const tables = [...DOCUMENT_TABLES.map((t) => t.name), ...Object.values(BYTE_SECTIONS)];
      const result = await db.query<{ empty: boolean }>(
        `SELECT ${tables.map((t) => `NOT EXISTS (SELECT 1 FROM ${t})`).join(" AND ")} AS empty`,
      );
      return result.rows[0]?.empty === true;
    },
    load: async (snapshot) => {
      if (snapshot.format !== "chung-suc-backup") throw new Error("not a Chung Sức backup file");
      if (snapshot.schemaVersion > DOCUMENT_VERSION) {
        throw new Error(`backup is from a newer version (schema ${snapshot.schemaVersion})`);
      }
      const unknown = Object.keys(snapshot.collections).find((name) => !BACKUP_SECTIONS.has(name));
      if (unknown) throw new Error(`backup holds an unknown collection: ${unknown}`);
      await db.transaction(async (tx) => {
        for (const table of DOCUMENT_TABLES) {
          await putDocs<never>(
            tx,
            table,
            (snapshot.collections[table.collection] ?? []) as never[],
          );
        }
        // Sends queued from now on are numbered after the ones loaded.
        await tx.query(
          "SELECT setval('outbox_seq', GREATEST((SELECT max(seq) FROM outbox), nextval('outbox_seq')))",
        );
        for (const [section, table] of Object.entries(BYTE_SECTIONS)) {
          for (const file of (snapshot.collections[section] ?? []) as FileSection[]) {
            await tx.query(
              `INSERT INTO ${table} (id, bytes) VALUES ($1, decode($2, 'base64'))
               ON CONFLICT (id) DO UPDATE SET bytes = EXCLUDED.bytes`,
              [file.id, file.base64],
            );
          }
        }
      });
    },
    chatLock: chats,
    close: async () => {
      await chats.close();
      await db.close();
    },
  };
}

/** Rows of a backup fetched at once: documents (a few hundred bytes each), and files (photos). */
const DOCUMENTS_PER_PAGE = 5_000;
const FILES_PER_PAGE = 20;

/** A file of a backup section as the backup holds it. */
function fileSectionEntry(row: FileSection): { id: string; base64: string } {
  // PostgreSQL breaks base64 into lines; Node's reader does not need them.
  return { id: row.id, base64: row.base64.replaceAll("\n", "") };
}

/**
 * What `select` reads of `table` in the transaction `tx` (its snapshot), a page at a time,
 * through a cursor: one query plan for the whole table, however many pages it takes.
 */
async function* pagesOf<R extends object, T>(
  tx: Queryable,
  table: string,
  select: string,
  perPage: number,
  entry: (row: R) => T,
): AsyncGenerator<T[]> {
  const cursor = `backup_${table}`;
  await tx.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select}`);
  try {
    for (;;) {
      const page = await tx.query<R & pg.QueryResultRow>(`FETCH ${perPage} FROM ${cursor}`);
      if (page.rows.length === 0) return;
      yield page.rows.map(entry);
    }
  } finally {
    // After a failed query the transaction is aborted and refuses even this; its end closes
    // the cursor anyway.
    await tx.query(`CLOSE ${cursor}`).catch(() => undefined);
  }
}
