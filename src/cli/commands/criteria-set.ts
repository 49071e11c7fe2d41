import { localDate } from "../../domain/local-time.js";
import {
  criteriaProblemPhrase,
  planCriteriaRecords,
  recordCriteria,
} from "../../features/review/criteria-records.js";
import { criteriaStateResult } from "../../features/review/criteria-report.js";
import { CliError, defineCommand } from "../command.js";
import { asSentence } from "../tables.js";

/**
 * `criteria set <hamlet-id> <set/criterion> met|unmet [--date yyyy-mm-dd]`: records where a
 * hamlet (or, for the commune set, a commune) starts on one criterion, as confirmed.
 */
export const command = defineCommand({
  args: ["hamlet-id", "criterion", "state"],
  options: { date: { type: "string", value: "yyyy-mm-dd" } },
  async run({ t, locale, store, config, now }, { args, options }) {
    const opened = await store();
    const today = localDate(now(), config.timeZone);
    const plan = await planCriteriaRecords(
      opened,
      [
        {
          row: 0,
          unitId: args[0] ?? "",
          criterionId: args[1] ?? "",
          state: args[2] ?? "",
          date: options.date ?? "",
        },
      ],
      today,
    );
    if (!plan.ok) {
      const [first, ...rest] = plan.problems.map((p) => asSentence(criteriaProblemPhrase(t, p)));
      throw new CliError(first ?? "", rest);
    }
    await recordCriteria(opened, plan.changes);
    return criteriaStateResult(t, locale, opened, plan.changes, today);
  },
});
