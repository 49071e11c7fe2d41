import type { Config } from "../config.js";
import type { Job } from "../jobs/job.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import { writeRotatedBackup } from "./admin/backups.js";

/**
 * The daily backup (`BACKUP_SCHEDULE`): one consistent snapshot file in `$DATA_DIR/backups`
 * with the files it refers to hard-linked beside it, keeping the newest `BACKUP_KEEP`. Caught up at start if the bot was down at its hour.
 */
export function backupJob(deps: {
  store: Store;
  config: Config;
  logger: Logger;
  now: () => Date;
}): Job {
  return {
    name: "backup",
    schedules: [deps.config.schedules.backup],
    catchUpWindowMs: 20 * 3600_000,
    run: async () => {
      const written = await writeRotatedBackup(deps.store, {
        dataDir: deps.config.dataDir,
        keep: deps.config.backupKeep,
        now: deps.now,
        timeZone: deps.config.timeZone,
      });
      deps.logger.info(
        { file: written.file, bytes: written.bytes, removed: written.removed.length },
        "backup written",
      );
    },
  };
}
