import type { Channel } from "../domain/member.js";
import type { Reply } from "../messaging/reply.js";
import type { Router } from "./router.js";

/**
 * The router, with every message it sends a person taking a slot of the platform's rate first:
 * the rate (`TELEGRAM_RATE`, `ZALO_RATE`) is the bot's on the platform, replies and proactive
 * sends together, and on PostgreSQL all the instances' together. Without it, a Friday evening of
 * reports on several instances drew the platform's 429s. Acknowledging a pressed button is
 * not a message and goes at once.
 */
export function pacedReplies(router: Router, slot: (channel: Channel) => Promise<void>): Router {
  return {
    handle(inbound, reply) {
      const paced: Reply = {
        buttons: reply.buttons,
        send: async (message) => {
          await slot(inbound.channel);
          return reply.send(message);
        },
        edit: async (messageId, message) => {
          await slot(inbound.channel);
          return reply.edit(messageId, message);
        },
        acknowledge: (notice) => reply.acknowledge(notice),
      };
      return router.handle(inbound, paced);
    },
  };
}
