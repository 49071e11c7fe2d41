import type { Member } from "../domain/member.js";
import { carriesMark } from "../domain/reachability.js";
import { chatTranslator } from "../i18n.js";
import type { Inbound } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import type { AppDeps } from "./app-deps.js";
import type { DialogHandling, Feature, MemberContext, MemberHandler } from "./feature.js";
import { recordChatBlocking } from "./member-reachability.js";
import { joinWithCode, looksLikeCode } from "./onboarding/join.js";

/** How often a member's "last seen" on a chat is written at most. */
const TOUCH_INTERVAL_MS = 60_000;

/** Routes every Inbound: strangers to joining, members to their commands, choices and dialogs. */
export interface Router {
  handle(inbound: Inbound, reply: Reply): Promise<void>;
}

/**
 * Builds the router over the features. The error boundary is here: an unexpected error is
 * logged with the update id and the person gets a short apology, never silence or a trace.
 */
export function createRouter(deps: AppDeps, features: Feature[], dialogs?: DialogHandling): Router {
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
    const t = chatTranslator(deps.i18n, localeGuess(deps, inbound), reply.buttons);
    const code =
      inbound.kind === "command" && (inbound.command === "start" || inbound.command === "join")
        ? inbound.text?.trim()
        : inbound.kind === "text" && inbound.text && looksLikeCode(inbound.text)
          ? inbound.text
          : undefined;
    if (inbound.kind === "choice") await reply.acknowledge();
    if (!code) {
      await reply.send({ text: t("common:stranger.explain") });
      return;
    }
    const result = await joinWithCode(deps, chatOf(inbound), code, t);
    await reply.send(result.message);
  }

  return {
    async handle(inbound, reply) {
      try {
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
        const member = await deps.store.members.findByIdentity(inbound.channel, inbound.chatId);
        if (!member) {
          await forStranger(inbound, reply);
          return;
        }
        if (!member.active) {
          const t = deps.i18n.getFixedT(member.locale);
          await reply.send({ text: t("common:error.inactive") });
          return;
        }
        await touch(deps, member, inbound);
        const locale = member.locale;
        const t = chatTranslator(deps.i18n, locale, reply.buttons);
        await forMember({ inbound, member, reply, t, locale, deps });
      } catch (error) {
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
