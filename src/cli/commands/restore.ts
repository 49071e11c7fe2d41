import { restoreBackup } from "../../features/admin/backups.js";
import { backupFilesFolder } from "../../store/backup-files.js";
import { CliError, defineCommand } from "../command.js";

/**
 * `restore <file>`: loads a backup into an empty `$DATA_DIR`, with no bot running, and copies
 * the files kept next to it (`<name>.files/`) into `$DATA_DIR/files`. It opens
 * the folder itself rather than through the usual start-up, which would fill the empty
 * folder with reference data first.
 */
export const command = defineCommand({
  args: ["file"],
  async run({ t, config, warn }, { args }) {
    const file = args[0] ?? "";
    const result = await restoreBackup(config.dataDir, file, config.databaseUrl);
    if (!result.ok) {
      const detail = "detail" in result ? result.detail : "";
      throw new CliError(
        String(t(`cli:restore.refused.${result.reason}`, { file, dir: config.dataDir, detail })),
      );
    }
    if (result.files === null) {
      warn(String(t("backups:restore.noFiles", { folder: backupFilesFolder(file) })));
    }
    return {
      json: result,
      text: [
        String(
          t("cli:restore.done", {
            count: result.records,
            createdAt: result.createdAt,
            dir: config.dataDir,
          }),
        ),
        ...(result.files === null
          ? []
          : [String(t("backups:restore.files", { count: result.files }))]),
      ],
    };
  },
});
