import { localDate } from "../../domain/local-time.js";
import { formatDate } from "../../render/format.js";
import { defineCommand } from "../command.js";
import { textTable } from "../text-table.js";

/** `campaigns list`: every plan, shipped and imported, and whether it is in force today. */
export const command = defineCommand({
  async run({ t, store, now, config, locale }) {
    const campaigns = [...(await (await store()).campaigns.list())].sort((a, b) =>
      a.from.localeCompare(b.from),
    );
    const today = localDate(now(), config.timeZone);
    const stateOf = (from: string, to: string) =>
      today < from ? "upcoming" : today > to ? "ended" : "inForce";
    const rows = campaigns.map((campaign) => [
      campaign.id,
      campaign.name,
      `${formatDate(locale, campaign.from)}–${formatDate(locale, campaign.to)}`,
      String(campaign.targets.length),
      [
        String(t(`cli:campaigns.state.${stateOf(campaign.from, campaign.to)}`)),
        campaign.source === "cli" ? String(t("cli:campaigns.imported.source")) : "",
        campaign.active ? "" : String(t("cli:units.inactive")),
      ]
        .filter(Boolean)
        .join(", "),
    ]);
    return {
      json: {
        campaigns: campaigns.map((campaign) => ({
          ...campaign,
          state: stateOf(campaign.from, campaign.to),
        })),
      },
      text: [
        ...textTable(
          [
            "id",
            t("cli:campaigns.name"),
            t("cli:campaigns.period"),
            t("cli:campaigns.targets"),
            t("cli:units.note"),
          ].map(String),
          rows,
        ),
        String(t("cli:campaigns.count", { count: campaigns.length })),
      ],
    };
  },
});
