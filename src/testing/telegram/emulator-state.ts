import type { BotProfile } from "./bot-profile.js";
import type { CallbackQueries } from "./callback-queries.js";
import type { ChatStore } from "./chat-store.js";
import type { EmulatorClock } from "./clock.js";
import type { FaultInjector } from "./faults.js";
import type { FileStore } from "./file-store.js";
import type { RateLimiter } from "./rate-limits.js";
import type { UpdateQueue } from "./update-queue.js";
import type { WebhookDelivery } from "./webhook-delivery.js";

/** What to do when the bot sends to a chat id nobody declared and no user wrote from. */
export type UnknownChatPolicy = "chat-not-found" | "create";

/** Everything the emulated Telegram knows about its one bot, shared by the methods and the driver. */
export interface EmulatorState {
  token: string;
  clock: EmulatorClock;
  bot: BotProfile;
  chats: ChatStore;
  files: FileStore;
  updates: UpdateQueue;
  webhook: WebhookDelivery;
  limits: RateLimiter;
  faults: FaultInjector;
  callbacks: CallbackQueries;
  unknownChats: UnknownChatPolicy;
}
