import { writeBackupTo, writeRotatedBackup } from "../../features/admin/backups.js";
import { defineCommand } from "../command.js";

/**
 * `backup [--out <file>]`: one consistent snapshot file, also while the bot runs, with the
 * files it refers to in the `.files` folder next to it. Without `--out` it goes to
 * `$DATA_DIR/backups/`, keeping the newest `BACKUP_KEEP`.
 */
export const command = defineCommand({
  options: { out: { type: "string", value: "file" } },
  async run({ t, store, config, now }, { options }) {
    const opened = await store();
    const written = options.out
      ? await writeBackupTo(opened, options.out, config.dataDir)
      : await writeRotatedBackup(opened, {
          dataDir: config.dataDir,
          keep: config.backupKeep,
          now,
          timeZone: config.timeZone,
        });
    return {
      json: written,
      text: [
        String(
          t("cli:backup.written", { file: written.file, kb: Math.ceil(written.bytes / 1024) }),
        ),
        String(t("backups:backup.files", { count: written.files, folder: written.filesFolder })),
        ...(written.removed.length > 0
          ? [
              String(
                t("cli:backup.rotated", { count: written.removed.length, keep: config.backupKeep }),
              ),
            ]
          : []),
      ],
    };
  },
});
