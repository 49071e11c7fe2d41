import { approverCovers, broadcasterGrants } from "../../domain/audience.js";
import { isChangeable } from "../../domain/broadcast-lifecycle.js";
import type { Feature, MemberContext } from "../feature.js";
import type { DialogEngine } from "../member-dialogs.js";
import type { BroadcastEnv } from "./broadcast-env.js";
import { unitTreeOf } from "./broadcast-env.js";
import {
  broadcastsMessage,
  CANCEL_PREFIX,
  EDIT_PREFIX,
  RECALL_PREFIX,
  REVIEW_PREFIX,
} from "./broadcast-list.js";
import {
  APPROVE_NOT_URGENT_PREFIX,
  APPROVE_PREFIX,
  approvalRequest,
  REJECT_PREFIX,
} from "./broadcast-notices.js";
import { recallTarget, startRecall } from "./broadcast-recall.js";
import { cancelBroadcast, decideBroadcast, mayManage } from "./broadcast-service.js";
import { COMPOSER_FLOW_ID } from "./composer-flow.js";
import { optOutFeature } from "./opt-out.js";
import { REJECT_FLOW_ID } from "./reject-flow.js";

/** The parts of a button's data after its prefix: `bca:12:3` → ["12", "3"]. */
function partsOf(ctx: MemberContext): string[] {
  return (ctx.inbound.choice?.data ?? "").split(":").slice(1);
}

/** Answers a press whose data names no broadcast this member may act on, saying so. */
async function refuse(ctx: MemberContext, reason: string): Promise<void> {
  await ctx.reply.send({ text: ctx.t(`broadcast:refusal.${reason}`) });
}

/**
 * Broadcasting for members: `/broadcast` (broadcasters) composes, `/broadcasts` lists and
 * manages, approvers decide by the buttons of an approval request, `/stop` opts out. Every
 * press is checked again against the store: the data a button carries is never trusted.
 */
export function broadcastFeature(env: BroadcastEnv, engine: DialogEngine): Feature {
  const decide = (approve: boolean, urgent: boolean) => async (ctx: MemberContext) => {
    await ctx.reply.acknowledge();
    const [id = "", version = "0"] = partsOf(ctx);
    if (!approve) {
      const broadcast = await env.deps.store.broadcasts.get(id);
      if (!broadcast) return refuse(ctx, "not-found");
      if (broadcast.authorId === ctx.member.id) return refuse(ctx, "own-broadcast");
      const tree = await unitTreeOf(env.deps.store);
      if (!approverCovers(ctx.member, broadcast.audience, tree)) return refuse(ctx, "not-allowed");
      if (broadcast.state !== "pending") return refuse(ctx, "not-pending");
      if (broadcast.version !== Number(version)) return refuse(ctx, "stale-version");
      await engine.start(ctx, REJECT_FLOW_ID, { id, version: Number(version) });
      return;
    }
    const result = await decideBroadcast(env, ctx.member, id, Number(version), {
      approve: true,
      urgent,
    });
    if (!result.ok) return refuse(ctx, result.reason);
    const key = result.broadcast.urgent
      ? "broadcast:decided.approvedUrgent"
      : "broadcast:decided.approved";
    await ctx.reply.send({ text: ctx.t(key, { id }) });
  };

  return {
    name: "broadcasting",
    commands: {
      broadcast: async (ctx) => {
        if (broadcasterGrants(ctx.member).length === 0) return refuse(ctx, "notBroadcaster");
        await engine.start(ctx, COMPOSER_FLOW_ID, {});
      },
      broadcasts: async (ctx) => {
        const isStaff = ctx.member.roles.some(
          (grant) => grant.role === "broadcaster" || grant.role === "approver",
        );
        if (!isStaff) return refuse(ctx, "notStaff");
        await ctx.reply.send(await broadcastsMessage(env, ctx));
      },
      ...optOutFeature().commands,
    },
    choices: {
      ...optOutFeature().choices,
      [APPROVE_PREFIX]: decide(true, true),
      [APPROVE_NOT_URGENT_PREFIX]: decide(true, false),
      [REJECT_PREFIX]: decide(false, false),
      [REVIEW_PREFIX]: async (ctx) => {
        await ctx.reply.acknowledge();
        const broadcast = await env.deps.store.broadcasts.get(partsOf(ctx)[0] ?? "");
        if (!broadcast) return refuse(ctx, "not-found");
        const tree = await unitTreeOf(env.deps.store);
        if (broadcast.authorId === ctx.member.id) return refuse(ctx, "own-broadcast");
        if (!approverCovers(ctx.member, broadcast.audience, tree))
          return refuse(ctx, "not-allowed");
        if (broadcast.state !== "pending") return refuse(ctx, "not-pending");
        await ctx.reply.send(
          await approvalRequest(env, broadcast, ctx.member, ctx.inbound.channel),
        );
      },
      [EDIT_PREFIX]: async (ctx) => {
        await ctx.reply.acknowledge();
        const broadcast = await env.deps.store.broadcasts.get(partsOf(ctx)[0] ?? "");
        if (!broadcast) return refuse(ctx, "not-found");
        if (broadcast.authorId !== ctx.member.id) return refuse(ctx, "not-allowed");
        // An author whose broadcaster role was taken away may no longer write in its name.
        if (broadcasterGrants(ctx.member).length === 0) return refuse(ctx, "notBroadcaster");
        if (!isChangeable(broadcast)) return refuse(ctx, "not-editable");
        await engine.start(ctx, COMPOSER_FLOW_ID, { editOf: broadcast.id });
      },
      [CANCEL_PREFIX]: async (ctx) => {
        await ctx.reply.acknowledge();
        const [id = "", confirmed] = partsOf(ctx);
        // Checked before the question too: nobody is asked to confirm what they may not do.
        const broadcast = await env.deps.store.broadcasts.get(id);
        if (!broadcast) return refuse(ctx, "not-found");
        if (!(await mayManage(env, ctx.member, broadcast))) return refuse(ctx, "not-allowed");
        if (confirmed === "no") {
          await ctx.reply.send({ text: ctx.t("broadcast:cancel.kept", { id }) });
          return;
        }
        if (confirmed !== "yes") {
          await ctx.reply.send({
            text: ctx.t("broadcast:cancel.confirm", { id }),
            choices: [
              [
                { data: `${CANCEL_PREFIX}:${id}:yes`, label: ctx.t("broadcast:cancel.yes") },
                { data: `${CANCEL_PREFIX}:${id}:no`, label: ctx.t("broadcast:cancel.no") },
              ],
            ],
            choiceMode: "single",
          });
          return;
        }
        const result = await cancelBroadcast(env, ctx.member, id);
        if (!result.ok) return refuse(ctx, result.reason);
        await ctx.reply.send({ text: ctx.t("broadcast:cancel.done", { id }) });
      },
      [RECALL_PREFIX]: async (ctx) => {
        await ctx.reply.acknowledge();
        const [id = "", confirmed] = partsOf(ctx);
        const target = await recallTarget(env, ctx.member, id);
        if (!target.ok) return refuse(ctx, target.reason);
        if (confirmed === "no") {
          await ctx.reply.send({ text: ctx.t("broadcast:recall.kept", { id }) });
          return;
        }
        if (confirmed !== "yes") {
          await ctx.reply.send({
            text: ctx.t("broadcast:recall.confirm", { id }),
            choices: [
              [
                { data: `${RECALL_PREFIX}:${id}:yes`, label: ctx.t("broadcast:recall.yes") },
                { data: `${RECALL_PREFIX}:${id}:no`, label: ctx.t("broadcast:recall.no") },
              ],
            ],
            choiceMode: "single",
          });
          return;
        }
        // Deleting thousands of messages takes a while: the author is told when it is done.
        if (!(await startRecall(env, ctx.member, target.broadcast, target.run))) {
          return refuse(ctx, "recalling");
        }
        await ctx.reply.send({ text: ctx.t("broadcast:recall.started", { id }) });
      },
    },
  };
}
