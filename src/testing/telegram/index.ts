export type { BotCommand, CommandScope } from "./bot-profile.js";
export type { CallFilter, CallOutcome, CallRecord } from "./call-log.js";
export type { CallbackAnswer } from "./callback-queries.js";
export type { ChatType } from "./chat-store.js";
export { type ChatMessageView, describeChat } from "./chat-view.js";
export { createManualClock, type EmulatorClock, type ManualClock, systemClock } from "./clock.js";
export {
  type MessagePick,
  type Press,
  type SentUpdate,
  TelegramUser,
  type UserProfile,
} from "./driver.js";
export {
  startTelegramEmulator,
  TelegramEmulator,
  type TelegramEmulatorOptions,
} from "./emulator.js";
export type { UnknownChatPolicy } from "./emulator-state.js";
export { type FaultOptions, SENDING_METHODS } from "./faults.js";
export type { StoredFile } from "./file-store.js";
export type { MessageEntity } from "./html-parse-mode.js";
export { DELETE_WINDOW_MS } from "./methods/messages.js";
export { type RateLimitOptions, TELEGRAM_RATE_LIMITS } from "./rate-limits.js";
export { sampleVoiceNote } from "./sample-audio.js";
export { generatePng } from "./sample-image.js";
export type { Update } from "./update-queue.js";
export { commandEntities } from "./user-updates.js";
export type { WebhookAttempt, WebhookConfig, WebhookOptions } from "./webhook-delivery.js";
