import { defineCommand } from "../command.js";
import { planWords, readPlanFile } from "../plan-file.js";

/** `campaigns validate <file>`: checks a plan file as `campaigns import` would, writing nothing. */
export const command = defineCommand({
  args: ["file"],
  async run({ t, store, locale }, { args }) {
    const { campaign, action } = await readPlanFile(t, args[0] ?? "", await store());
    return {
      json: { ok: true, id: campaign.id, action, targets: campaign.targets.length },
      text: String(t("cli:campaigns.valid", planWords(locale, campaign))),
    };
  },
});
