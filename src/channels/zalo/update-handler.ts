import { createMemberQueue } from "../../dialog/member-queue.js";
import type { AppDeps } from "../../features/app-deps.js";
import type { Router } from "../../features/router.js";
import { toInbound } from "./to-inbound.js";
import type { ZaloUpdate } from "./update.js";
import { type ZaloReplyEnv, zaloReply } from "./zalo-reply.js";

/**
 * Handles one Zalo update, whichever way it came (long polling or webhook), after the chat's
 * earlier ones: answers a message Zalo withheld with a short help and hands the rest to the
 * router (which drops an update handled before, and reads a number typed under a list of
 * choices as the choice it picks). Never throws.
 */
export function createZaloUpdateHandler(
  deps: Pick<AppDeps, "logger" | "now">,
  router: Router,
  env: ZaloReplyEnv,
): (update: ZaloUpdate) => Promise<void> {
  const inChatOrder = createMemberQueue();
  return (update) =>
    inChatOrder(update.chat.id, async () => {
      try {
        await handleOnce(update);
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
    await router.handle(inbound, reply);
  }
}
