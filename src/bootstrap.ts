import type { Config } from "./config.js";
import { syncReferenceData } from "./features/reference-sync.js";
import type { Logger } from "./logger.js";
import { loadReferenceData } from "./reference/loader.js";
import {
  type OpenedStore,
  openDatabaseStore,
  openStoreAsOwner,
  openStoreForCommand,
} from "./store/open-store.js";

/**
 * Opens the store for an entry point (PostgreSQL when `databaseUrl` is set, else the data
 * folder) and, when this process owns it, syncs the shipped reference data into it: so an
 * empty store is ready after the first command, and a data edit takes effect on the next
 * start. A guest (the CLI beside a running bot) relies on the bot's sync.
 */
export async function openDataDir(
  config: Pick<Config, "dataDir" | "databaseUrl">,
  as: "owner" | "command",
  logger?: Logger,
  dataSourceDir?: string,
): Promise<OpenedStore> {
  const opened = config.databaseUrl
    ? await openDatabaseStore(config.databaseUrl)
    : as === "owner"
      ? await openStoreAsOwner(config.dataDir)
      : await openStoreForCommand(config.dataDir);
  if (opened.mode === "owner") {
    try {
      const reference = loadReferenceData(dataSourceDir);
      const report = await syncReferenceData(opened.store, reference);
      if (report.added + report.updated + report.deactivated > 0) {
        logger?.info({ ...report }, "reference data synced");
      }
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
}
