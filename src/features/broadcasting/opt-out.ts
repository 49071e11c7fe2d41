import type { Feature, MemberContext } from "../feature.js";

/** The button data prefix of the /stop confirmation. */
const STOP_PREFIX = "stop";

/**
 * `/stop`: after a confirmation, broadcasts skip the member (and count them as opted out);
 * report reminders to a hamlet head are not broadcasts and continue. `/start` opts back in.
 */
export function optOutFeature(): Required<Pick<Feature, "commands" | "choices">> {
  return {
    commands: {
      stop: async (ctx: MemberContext) => {
        if (ctx.member.optedOut) {
          await ctx.reply.send({ text: ctx.t("broadcast:stop.already") });
          return;
        }
        await ctx.reply.send({
          text: ctx.t("broadcast:stop.confirm"),
          choices: [
            [
              { data: `${STOP_PREFIX}:yes`, label: ctx.t("broadcast:stop.yes") },
              { data: `${STOP_PREFIX}:no`, label: ctx.t("broadcast:stop.no") },
            ],
          ],
          choiceMode: "single",
        });
      },
    },
    choices: {
      [STOP_PREFIX]: async (ctx: MemberContext) => {
        await ctx.reply.acknowledge();
        if (ctx.inbound.choice?.data !== `${STOP_PREFIX}:yes`) {
          await ctx.reply.send({ text: ctx.t("broadcast:stop.kept") });
          return;
        }
        const member =
          (await ctx.deps.store.members.setOptedOut(ctx.member.id, true)) ?? ctx.member;
        const isHead = member.roles.some((grant) => grant.role === "hamlet_head");
        await ctx.reply.send({
          text: [
            ctx.t("broadcast:stop.done"),
            ...(isHead ? [ctx.t("broadcast:stop.headNote")] : []),
          ]
            .concat(ctx.t("broadcast:stop.comeBack"))
            .join("\n"),
        });
      },
    },
  };
}
