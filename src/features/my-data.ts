import { organisationLabel } from "../reference/labels.js";
import { formatDate, formatWeek } from "../render/format.js";
import type { Feature, MemberContext } from "./feature.js";
import { describeRoles, place } from "./onboarding/role-description.js";

/**
 * `/mydata`: everything the assistant keeps about the person asking, in plain words, and whom
 * to ask to correct or erase it — the right to know of Nghị định 13/2023/NĐ-CP on personal
 * data protection. Nothing here is shown to anybody but the person themselves.
 */
async function myData(ctx: MemberContext): Promise<void> {
  const { member, t, locale, deps } = ctx;
  const none = t("common:mydata.none");
  const unit = await deps.store.units.get(member.unitId);
  const orgs = await Promise.all(member.orgIds.map((id) => deps.store.organisations.get(id)));
  const reports = (await deps.store.reports.listByAuthor(member.id)).sort((a, b) =>
    b.week.localeCompare(a.week),
  );
  const latest = reports[0];
  const issuer = deps.config.issuer;
  const lines = [
    t("common:mydata.title"),
    t("common:mydata.name", { name: member.name }),
    t("common:mydata.phone", { phone: member.phone ?? none }),
    t("common:mydata.unit", { unit: unit ? await place(deps.store, unit, t) : member.unitId }),
    t("common:mydata.roles", { roles: (await describeRoles(deps.store, member, t)) || none }),
    t("common:mydata.orgs", {
      orgs: orgs.flatMap((org) => (org ? [organisationLabel(t, org)] : [])).join("; ") || none,
    }),
    t("common:mydata.chats", {
      chats: member.identities
        .map((identity) =>
          t("common:mydata.chat", {
            channel: t(`common:channel.${identity.channel}`, {
              defaultValue: identity.channel,
            }),
            since: formatDate(locale, identity.boundAt),
          }),
        )
        .join("; "),
    }),
    t("common:mydata.language", { language: t(`common:lang.${member.locale}`) }),
    t(member.optedOut ? "common:mydata.optedOut" : "common:mydata.receiving"),
    latest
      ? t("common:mydata.reports", {
          count: reports.length,
          week: formatWeek(locale, latest.week),
        })
      : t("common:mydata.noReports"),
    t("common:mydata.since", { date: formatDate(locale, member.createdAt) }),
    "",
    t("common:mydata.use"),
    issuer.name
      ? t("common:mydata.askIssuer", {
          issuer: issuer.phone ? `${issuer.name} (${issuer.phone})` : issuer.name,
        })
      : t("common:mydata.askOfficer"),
  ];
  await ctx.reply.send({ text: lines.join("\n") });
}

/** `/mydata` for every member. */
export function myDataFeature(): Feature {
  return { name: "my-data", commands: { mydata: myData } };
}
