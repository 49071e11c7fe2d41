import { localDate } from "../../domain/local-time.js";
import { labelOf, unitLabel } from "../../reference/labels.js";
import { formatDate } from "../../render/format.js";
import { CliError, defineCommand, UsageError } from "../command.js";
import { isoDateArgument } from "../iso-date.js";

/**
 * `targets record <unit-id> <status> [--date <yyyy-mm-dd>]`: records that a unit was
 * recognised with a status of the plan (e.g. Hưng Đạo as advanced NTM), so summaries show
 * the target met. Recording the same unit and status again corrects the date.
 */
export const command = defineCommand({
  args: ["unit-id", "status"],
  options: {
    date: { type: "string", value: "yyyy-mm-dd" },
    decision: { type: "string", value: "số/QĐ-UBND" },
  },
  async run({ t, store, now, config, locale }, { args, options }) {
    const [unitId = "", status = ""] = args;
    const opened = await store();
    const unit = await opened.units.get(unitId);
    if (!unit) throw new CliError(String(t("status:cli.unknownArea", { area: unitId })));
    const campaigns = await opened.campaigns.list();
    const known = [
      ...new Set(
        campaigns.flatMap((c) =>
          c.targets.flatMap((target) => (target.kind === "unit" ? [target.status] : [])),
        ),
      ),
    ];
    if (!known.includes(status)) {
      throw new UsageError(String(t("status:cli.badStatus", { status, known: known.join(", ") })));
    }
    const at = now();
    const date = isoDateArgument(t, options.date ?? localDate(at, config.timeZone));
    const previous = (await opened.campaigns.recognitions()).find(
      (r) => r.unitId === unitId && r.status === status,
    );
    const decision = options.decision?.normalize("NFC").trim();
    const recognition = {
      unitId,
      status,
      date,
      ...(decision ? { decision } : {}),
      recordedAt: at.toISOString(),
    };
    await opened.campaigns.recordRecognition(recognition);
    const words = {
      area: unitLabel(t, unit),
      status: labelOf(t, "targetStatus", status, status),
      date: decision
        ? String(t("status:cli.dateWithDecision", { date: formatDate(locale, date), decision }))
        : formatDate(locale, date),
    };
    return {
      json: { recognition, ...(previous ? { previous } : {}) },
      text: String(
        previous && previous.date !== date
          ? t("status:cli.replaced", { ...words, previous: formatDate(locale, previous.date) })
          : t("status:cli.recorded", words),
      ),
    };
  },
});
