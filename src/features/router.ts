import { ChatMenus } from "../channels/chat-menus.js";
import type { Member } from "../domain/member.js";
import { carriesMark } from "../domain/reachability.js";
import { chatTranslator } from "../i18n.js";
import type { Inbound } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import type { AppDeps } from "./app-deps.js";
import type { DialogHandling, Feature, MemberContext, MemberHandler } from "./feature.js";
import { recordChatBlocking } from "./member-reachability.js";
import { joinWithCode, looksLikeCode } from "./onboarding/join.js";
import { isPassingFault, platformAnswer, queuedReply, type ReplyOutbox } from "./queued-reply.js";
import { servedAreaToday } from "./served-area.js";
import { askWho, replyFor, speakerOf, withoutTag } from "./shared-phone.js";

/** How often a member's "last seen" on a chat is written at most. */
const TOUCH_INTERVAL_MS = 60_000;

/** Routes every Inbound: strangers to joining, members to their commands, choices and dialogs. */
export interface Router {
  handle(inbound: Inbound, reply: Reply): Promise<void>;
}

/**
 * Builds the router over the features. The error boundary is here: an unexpected error is
 * logged with the update id and the person gets a short apology, never silence or a trace.
 * With an outbox, a member's reply the platform refuses for now (429, 5xx, network) is queued
 * and arrives later instead.
 */
export function createRouter(
  deps: AppDeps,
  features: Feature[],
  dialogs?: DialogHandling,
  outbox?: ReplyOutbox,
): Router {
  const commands = new Map<string, MemberHandler>();
  const choices = new Map<string, MemberHandler>();
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.commands ?? {}))
      commands.set(name, handler);
    for (const [prefix, handler] of Object.entries(feature.choices ?? {}))
      choices.set(prefix, handler);
  }

  async function forMember(ctx: MemberContext): Promise<void> {
    const { inbound } = ctx;
    if (inbound.kind === "command") {
      const name = inbound.command ?? "";
      if (name === "cancel") {
        const cancelled = await dialogs?.cancel(ctx);
        if (!cancelled) await ctx.reply.send({ text: ctx.t("common:error.nothingToCancel") });
        return;
      }
      const handler = commands.get(name);
      if (handler) return handler(ctx);
      await ctx.reply.send({ text: ctx.t("common:error.unknownCommand", { command: `/${name}` }) });
      return;
    }
    if (inbound.kind === "choice") {
      const data = inbound.choice?.data ?? "";
      const prefix = data.split(":", 1)[0] ?? "";
      if (prefix === "menu") {
        const handler = commands.get(data.slice("menu:".length));
        await ctx.reply.acknowledge();
        if (handler) return handler({ ...ctx, inbound: { ...inbound, kind: "command", text: "" } });
        return;
      }
      if (prefix === "d" && dialogs && (await dialogs.handle(ctx))) return;
      const handler = choices.get(prefix);
      if (handler) return handler(ctx);
      await ctx.reply.acknowledge(ctx.t("common:error.closed"));
      return;
    }
    if (dialogs && (await dialogs.handle(ctx))) return;
    if (inbound.kind === "unsupported") {
      await ctx.reply.send({ text: ctx.t("common:error.unsupported") });
      return;
    }
    if (inbound.kind === "text" && inbound.text && looksLikeCode(inbound.text)) {
      const result = await joinWithCode(deps, chatOf(inbound), inbound.text, ctx.t);
      await ctx.reply.send(result.message);
      return;
    }
    await ctx.reply.send({ text: ctx.t("common:error.notUnderstood") });
  }

  async function forStranger(inbound: Inbound, reply: Reply): Promise<void> {
    const locale = localeGuess(deps, inbound);
    const t = chatTranslator(deps.i18n, locale, reply.buttons);
    const code =
      inbound.kind === "command" && (inbound.command === "start" || inbound.command === "join")
        ? inbound.text?.trim()
        : inbound.kind === "text" && inbound.text && looksLikeCode(inbound.text)
          ? inbound.text
          : undefined;
    if (inbound.kind === "choice") await reply.acknowledge();
    if (!code) {
      const area = await servedAreaToday(deps, t, locale);
      await reply.send({
        text: area ? t("common:stranger.explain", { area }) : t("common:stranger.explainNoArea"),
      });
      return;
    }
    const result = await joinWithCode(deps, chatOf(inbound), code, t);
    await reply.send(result.message);
  }

  /**
   * Where there are no buttons, a typed "2" as the choice it picks from the chat's menu. Read
   * here, in the chat's turn: read before it, an answer typed while the previous update was
   * still being handled on another instance picked from the menu that update was replacing.
   */
  const readChoice = (inbound: Inbound): Promise<Inbound> =>
    new ChatMenus(deps.store.chatMenus, deps.now, inbound.channel).read(inbound);

  return {
    async handle(given, reply) {
      let inbound = given;
      try {
        if (!reply.buttons) inbound = await readChoice(given);
        if (inbound.kind === "blocked" || inbound.kind === "unblocked") {
          // Nothing to answer: a blocked chat refuses messages, a restarted one is answered
          // when the person writes.
          await recordChatBlocking(
            deps.store,
            inbound,
            inbound.kind === "blocked",
            inbound.receivedAt,
          );
          return;
        }
        const everyone = await deps.store.members.membersOfChat(inbound.channel, inbound.chatId);
        const [first] = everyone;
        if (!first) {
          await forStranger(inbound, reply);
          return;
        }
        const onChat = everyone.filter((m) => m.active);
        if (onChat.length === 0) {
          const t = deps.i18n.getFixedT(first.locale);
          await reply.send({ text: t("common:error.inactive") });
          return;
        }
        const speaker = speakerOf(onChat, inbound, await inDialog(deps, onChat));
        if ("ask" in speaker) {
          const [asked] = speaker.ask;
          const t = deps.i18n.getFixedT(asked?.locale ?? first.locale);
          if (inbound.kind === "choice") await reply.acknowledge();
          await reply.send(askWho(speaker.ask, inbound.command ?? commandOfMenu(inbound), t));
          return;
        }
        const { member } = speaker;
        await touch(deps, member, inbound);
        const locale = member.locale;
        const patient = outbox
          ? queuedReply(reply, { memberId: member.id, inbound }, outbox, deps.logger)
          : reply;
        await forMember({
          inbound: withoutTag(inbound),
          member,
          // On a shared phone, the choices shown come back to the person they were shown to.
          reply: onChat.length > 1 ? replyFor(patient, member.id) : patient,
          t: chatTranslator(deps.i18n, locale, reply.buttons),
          locale,
          deps,
        });
      } catch (error) {
        if (isPassingFault(error)) {
          // Nothing is wrong here: the platform refuses for now, and an apology would be too.
          deps.logger.warn(
            { updateId: inbound.updateId, channel: inbound.channel, failure: error.failure },
            `reply not sent: the platform answered ${platformAnswer(error.failure)}`,
          );
          return;
        }
        deps.logger.error(
          { err: error, updateId: inbound.updateId, channel: inbound.channel },
          "unexpected error while handling an update",
        );
        try {
          const t = deps.i18n.getFixedT(deps.config.defaultLocale);
          if (inbound.kind === "choice") await reply.acknowledge().catch(() => undefined);
          await reply.send({ text: t("common:error.apology") });
        } catch (replyError) {
          deps.logger.error({ err: replyError, updateId: inbound.updateId }, "apology failed");
        }
      }
    },
  };
}

/** The command a `menu:<command>` choice stands for. */
function commandOfMenu(inbound: Inbound): string {
  return inbound.choice?.data.replace(/^menu:/, "") ?? "";
}

/** The chat's members with a dialog under way, the one answered most recently first. */
async function inDialog(deps: AppDeps, onChat: readonly Member[]): Promise<Member[]> {
  if (onChat.length < 2) return [];
  const drafts = await Promise.all(
    onChat.map(async (member) => ({ member, draft: await deps.store.dialogs.get(member.id) })),
  );
  return drafts
    .filter((d) => d.draft)
    .sort((a, b) => ((a.draft?.updatedAt ?? "") < (b.draft?.updatedAt ?? "") ? 1 : -1))
    .map((d) => d.member);
}

function chatOf(inbound: Inbound) {
  return { channel: inbound.channel, chatId: inbound.chatId, displayName: inbound.displayName };
}

function localeGuess(deps: AppDeps, inbound: Inbound) {
  return inbound.languageCode?.startsWith("vi")
    ? "vi"
    : inbound.languageCode?.startsWith("en") && deps.config.defaultLocale !== "vi"
      ? "en"
      : deps.config.defaultLocale;
}

async function touch(deps: AppDeps, member: Member, inbound: Inbound): Promise<void> {
  const identity = member.identities.find(
    (i) => i.channel === inbound.channel && i.chatId === inbound.chatId,
  );
  const now = deps.now();
  if (
    identity &&
    !carriesMark(identity) &&
    now.getTime() - Date.parse(identity.lastSeenAt) < TOUCH_INTERVAL_MS
  ) {
    return;
  }
  await deps.store.members.touchIdentity(
    member.id,
    inbound.channel,
    inbound.chatId,
    now.toISOString(),
  );
}
