import { createMemberQueue } from "../../dialog/member-queue.js";
import type { AppDeps } from "../../features/app-deps.js";
import type { Router } from "../../features/router.js";
import type { ChatMenus } from "../chat-menus.js";
import { toInbound } from "./to-inbound.js";
import type { ZaloUpdate } from "./update.js";
import { type ZaloReplyEnv, zaloReply } from "./zalo-reply.js";

/** How long a handled message id is remembered, to drop a redelivered update. */
export const ZALO_UPDATE_MEMORY_MS = 48 * 3600_000;

/**
 * Handles one Zalo update, whichever way it came (long polling or webhook), after the chat's
 * earlier ones: drops one already handled (by message id, through the store, so it holds
 * across restarts and instances), answers a message Zalo withheld with a short help, reads a
 * number or label typed under a list of choices as the choice it picks, and hands the rest to
 * the router. An update is marked handled once handled to the end, so one cut short by a crash
 * and posted again is handled then. Never throws.
 */
export function createZaloUpdateHandler(
  deps: Pick<AppDeps, "store" | "logger" | "now">,
  router: Router,
  env: ZaloReplyEnv & { menus: ChatMenus },
): (update: ZaloUpdate) => Promise<void> {
  const inChatOrder = createMemberQueue();
  return (update) =>
    inChatOrder(update.chat.id, async () => {
      const key = `zalo:update:${update.messageId}`;
      try {
        if (await deps.store.claims.has(key, deps.now().toISOString())) {
          deps.logger.info({ updateId: update.messageId }, "zalo: duplicate update dropped");
          return;
        }
        await handleOnce(update);
        await deps.store.claims.claim(key, deps.now().toISOString(), ZALO_UPDATE_MEMORY_MS);
      } catch (error) {
        deps.logger.error({ err: error, updateId: update.messageId }, "zalo: update failed");
      }
    });

  async function handleOnce(update: ZaloUpdate): Promise<void> {
    const inbound = toInbound(update, deps.now());
    if (!inbound) {
      deps.logger.info(
        { updateId: update.messageId, chatType: update.chat.chatType },
        "zalo: update from outside a private chat ignored",
      );
      return;
    }
    const reply = zaloReply(inbound.chatId, env);
    if (update.eventName === "message.unsupported.received") {
      const t = await env.translatorFor(inbound.chatId);
      await reply.send({ text: t("zalo:unsupported") });
      return;
    }
    await router.handle(await env.menus.read(inbound), reply);
  }
}
