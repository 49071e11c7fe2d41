import { databaseUrl } from "../../config.js";
import { moveToDatabase } from "../../store/move-to-database.js";
import { CliError, defineCommand } from "../command.js";

/**
 * `store migrate --to <postgres-url>`: copies the store of `$DATA_DIR` (JSON files) into
 * PostgreSQL, with the bot stopped, and checks the copy: the count of every collection and a
 * checksum of the reports. Run again, it copies the same records onto themselves.
 */
export const command = defineCommand({
  options: { to: { type: "string", value: "postgres-url", required: true } },
  async run({ t, config, warn }, { options }) {
    const url = databaseUrl.safeParse(options.to);
    if (!url.success) {
      throw new CliError(
        String(t("config:problem", { variable: "--to", reason: t("config:reason.databaseUrl") })),
      );
    }
    const dir = config.dataDir;
    const moved = await moveToDatabase(dir, url.data);
    if (!moved.ok) throw new CliError(String(t("cli:storeMigrate.botRunning", { dir })));
    if (moved.missingFiles > 0) {
      warn(String(t("cli:storeMigrate.missingFiles", { count: moved.missingFiles, dir })));
    }
    const counts = moved.collections.map((c) => String(t("cli:storeMigrate.counts", { ...c })));
    if (!moved.verified) {
      const differing = moved.collections.filter((c) => c.source !== c.target);
      const names = [
        ...differing.map((c) => c.collection),
        ...(moved.reportsChecksum.source === moved.reportsChecksum.target ? [] : ["reports"]),
      ];
      return {
        json: moved,
        text: counts,
        exitCode: 1,
        reason: String(t("cli:storeMigrate.mismatch", { dir, collections: names.join(", ") })),
      };
    }
    const records = moved.collections.reduce((sum, c) => sum + c.source, 0);
    return {
      json: moved,
      text: [String(t("cli:storeMigrate.done", { records, files: moved.files, dir })), ...counts],
    };
  },
});
