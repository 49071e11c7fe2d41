import { restoreBackup } from "../../features/backups.js";
import { CliError, defineCommand } from "../command.js";

/**
 * `restore <file>`: loads a backup into an empty `$DATA_DIR`, with no bot running. It opens
 * the folder itself rather than through the usual start-up, which would fill the empty
 * folder with reference data first.
 */
export const command = defineCommand({
  args: ["file"],
  async run({ t, config }, { args }) {
    const file = args[0] ?? "";
    const result = await restoreBackup(config.dataDir, file);
    if (!result.ok) {
      const detail = "detail" in result ? result.detail : "";
      throw new CliError(
        String(t(`cli:restore.refused.${result.reason}`, { file, dir: config.dataDir, detail })),
      );
    }
    return {
      json: result,
      text: String(
        t("cli:restore.done", {
          count: result.records,
          createdAt: result.createdAt,
          dir: config.dataDir,
        }),
      ),
    };
  },
});
