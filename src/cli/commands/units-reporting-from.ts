import { localDate } from "../../domain/local-time.js";
import { setReportingFrom } from "../../features/admin/reporting-from.js";
import { unitInlineLabel, unitLabel, unitListLabels } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import { CliError, defineCommand } from "../command.js";
import { isoDateArgument } from "../iso-date.js";

/**
 * `units reporting-from <unit-id> [<yyyy-mm-dd>]`: the week from which a hamlet (or every
 * hamlet of a ward or commune) is expected to report, for a city that starts reporting on a
 * set date rather than when each head joins. Without a date, the set date is removed.
 */
export const command = defineCommand({
  args: ["unit-id", "date?"],
  async run({ t, store, now, config, locale }, { args }) {
    const [unitId = "", given] = args;
    const date = given === undefined ? undefined : isoDateArgument(t, given);
    const today = localDate(now(), config.timeZone);
    const result = await setReportingFrom(await store(), unitId, date, today);
    if (!result.ok) {
      if (result.code === "unknown-unit") {
        throw new CliError(String(t("status:cli.unknownArea", { area: unitId })));
      }
      const words = { name: unitLabel(t, result.unit), value: result.unit.id };
      if (result.code === "no-hamlets") {
        throw new CliError(String(t("cli:reportingFrom.noHamlets", words)));
      }
      const successor = result.successor;
      throw new CliError(
        String(
          successor
            ? t("cli:reportingFrom.ended", {
                ...words,
                successor: successor.id,
                successorName: unitInlineLabel(t, locale, successor),
              })
            : t("cli:reportingFrom.endedNoSuccessor", words),
        ),
      );
    }
    const names = unitListLabels(t, locale, result.hamlets).join(", ");
    const count = result.hamlets.length;
    return {
      json: { week: result.week ?? null, hamlets: result.hamlets.map((hamlet) => hamlet.id) },
      text: String(
        result.week
          ? t("cli:reportingFrom.set", { names, count, week: formatWeek(locale, result.week) })
          : t("cli:reportingFrom.cleared", { names, count }),
      ),
    };
  },
});
