import type { Config } from "../config.js";
import type { Job } from "../jobs/job.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";

/** Daily, at night, after the backup (02:00 by default), so a backup still holds what goes. */
const SCHEDULE = "30 3 * * *";

const DAY_MS = 24 * 3600_000;

/**
 * The daily outbox prune: sends that ended more than `OUTBOX_RETENTION_DAYS` ago are forgotten
 * (their counts stay for progress and reports), and so are messages and files no remaining
 * send refers to, so the ledger loaded at every start stops growing with the years.
 */
export function outboxRetentionJob(deps: {
  store: Pick<Store, "outbox">;
  config: Pick<Config, "outboxRetentionDays">;
  logger: Logger;
  now: () => Date;
}): Job {
  return {
    name: "outbox-retention",
    schedules: [SCHEDULE],
    catchUpWindowMs: 20 * 3600_000,
    run: async () => {
      const finishedBefore = new Date(
        deps.now().getTime() - deps.config.outboxRetentionDays * DAY_MS,
      ).toISOString();
      const pruned = await deps.store.outbox.prune(finishedBefore);
      deps.logger.info({ finishedBefore, ...pruned }, "outbox pruned");
    },
  };
}
