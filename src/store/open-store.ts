import { mkdir } from "node:fs/promises";
import type { SharedPace } from "../delivery/shared-pace.js";
import type { ChatLock } from "../features/chat-turns.js";
import { newestRotatedBackup } from "./backup-folder.js";
import { DamagedDataError } from "./damaged-data.js";
import { type LowStore, openLowStore } from "./lowdb/lowdb-store.js";
import { tryOwnerLock } from "./owner-lock.js";
import type { Store } from "./store.js";
import { connectStore, serveStore } from "./store-socket.js";

/** A store opened by an entry point; `close` flushes and lets go of the data folder. */
export interface OpenedStore {
  store: Store;
  /**
   * "owner": this process holds the data (the files, or its own connections to PostgreSQL);
   * "guest": a running bot serves the data files to it.
   */
  mode: "owner" | "guest";
  /** Send slots shared with the other instances on the same database (PostgreSQL only). */
  sendPace?: SharedPace;
  /** Chats held while an update is handled, against the other instances (PostgreSQL only). */
  chatLock?: ChatLock;
  /**
   * Reads what the store left to read after opening (lowdb's big collections, once the bot
   * answers); rejects on a damaged file.
   */
  readRest?(): Promise<void>;
  close(): Promise<void>;
}

const WAIT_STEP_MS = 100;

/**
 * Opens the data folder as its owner (the bot): takes the lock, loads the files and serves
 * them on the socket for the CLI. Waits for a CLI command that holds the lock to finish.
 */
export async function openStoreAsOwner(
  dataDir: string,
  waitMs = 30_000,
): Promise<OpenedStore & { store: LowStore }> {
  await prepareDataDir(dataDir);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = await tryOwnerLock(dataDir);
    if (lock) {
      try {
        const store = await openLowStoreExplained(dataDir);
        const server = await serveStore(store, dataDir);
        return {
          store,
          mode: "owner",
          readRest: () => store.readRest(),
          close: async () => {
            await server.close();
            await store.close();
            await lock.release();
          },
        };
      } catch (error) {
        await lock.release();
        throw error;
      }
    }
    if (Date.now() > deadline) throw new DataDirBusyError(dataDir);
    await sleep(WAIT_STEP_MS);
  }
}

/**
 * Opens the data folder for a short command (the CLI): through the running bot when there is
 * one, else directly, holding the lock for the command's duration.
 */
export async function openStoreForCommand(dataDir: string, waitMs = 10_000): Promise<OpenedStore> {
  await prepareDataDir(dataDir);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const remote = await connectStore(dataDir);
    if (remote) return { store: remote, mode: "guest", close: () => remote.close() };
    const lock = await tryOwnerLock(dataDir);
    if (lock) {
      try {
        const store = await openLowStoreExplained(dataDir);
        return {
          store,
          mode: "owner",
          close: async () => {
            await store.close();
            await lock.release();
          },
        };
      } catch (error) {
        await lock.release();
        throw error;
      }
    }
    if (Date.now() > deadline) throw new DataDirBusyError(dataDir);
    await sleep(WAIT_STEP_MS);
  }
}

/**
 * Opens the store in PostgreSQL, migrating its tables first. Every process (each bot instance,
 * each CLI command) connects to the database itself: no lock, no socket, no guest.
 */
export async function openDatabaseStore(databaseUrl: string): Promise<OpenedStore> {
  // Loaded only when asked for: a city on lowdb never loads the PostgreSQL driver.
  const { openPgStore } = await import("./postgres/pg-store.js");
  const store = await openPgStore(databaseUrl);
  return {
    store,
    mode: "owner",
    sendPace: store.sendPace,
    chatLock: store.chatLock,
    close: () => store.close(),
  };
}

/** Another live process holds the data folder and does not answer on its socket. */
export class DataDirBusyError extends Error {
  constructor(dataDir: string) {
    super(`the data folder ${dataDir} is in use by another process that does not answer`);
    this.name = "DataDirBusyError";
  }
}

async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opens the lowdb files; a damaged one is reported with the newest backup to restore. */
async function openLowStoreExplained(dataDir: string): Promise<LowStore> {
  try {
    return await openLowStore(dataDir);
  } catch (error) {
    if (error instanceof DamagedDataError) {
      error.dataDir = dataDir;
      error.newestBackup = await newestRotatedBackup(dataDir);
    }
    throw error;
  }
}
