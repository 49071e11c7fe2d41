import type { Config } from "./config.js";
import { syncReferenceData } from "./features/reference-sync.js";
import type { Logger } from "./logger.js";
import { loadReferenceData } from "./reference/loader.js";
import { type OpenedStore, openStoreAsOwner, openStoreForCommand } from "./store/open-store.js";

/**
 * Opens the data folder for an entry point and, when this process owns it, syncs the shipped
 * reference data into it: so an empty `$DATA_DIR` is ready after the first command, and a data
 * edit takes effect on the next start. A guest (the CLI beside a running bot) relies on the
 * bot's sync.
 */
export async function openDataDir(
  config: Pick<Config, "dataDir">,
  as: "owner" | "command",
  logger?: Logger,
  dataSourceDir?: string,
): Promise<OpenedStore> {
  const opened =
    as === "owner"
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
