import { defineCommand } from "../command.js";
import { planWords, readPlanFile } from "../plan-file.js";

/**
 * `campaigns import <file>`: loads a plan (e.g. the city's 2026–2030 plan) after checking all
 * of it; nothing is written when any part is wrong. Importing the same id again replaces it.
 */
export const command = defineCommand({
  args: ["file"],
  async run({ t, store, locale }, { args }) {
    const opened = await store();
    const { campaign, action } = await readPlanFile(t, args[0] ?? "", opened);
    if (action !== "unchanged") await opened.campaigns.saveMany([campaign]);
    return {
      json: { id: campaign.id, action, targets: campaign.targets.length },
      text: String(t(`cli:campaigns.imported.${action}`, planWords(locale, campaign))),
    };
  },
});
