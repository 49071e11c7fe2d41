/** The Zalo Bot API emulator for tests and the offline demo. */
export type { ZaloCallFilter, ZaloEmulatorCall } from "./call-log.js";
export type { ZaloChatMessage, ZaloChatMessageKind, ZaloEmulatorUser } from "./emulated-user.js";
export { startZaloEmulator, type ZaloEmulator, type ZaloEmulatorOptions } from "./emulator.js";
export type { ZaloFault, ZaloFaultKind, ZaloFaultRule } from "./faults.js";
export type { ZaloEmulatorSettings } from "./settings.js";
export type { ZaloWebhookDelivery } from "./update-feed.js";
export {
  type RecordedRequest,
  startWebhookRecorder,
  type WebhookRecorder,
} from "./webhook-recorder.js";
