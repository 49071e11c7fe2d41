import { botProfileMethods } from "./bot-profile.js";
import { chatMethods } from "./chats.js";
import { mediaMethods } from "./media.js";
import { messageMethods } from "./messages.js";
import type { MethodHandler } from "./method-context.js";
import { updateMethods } from "./updates.js";

const ALL: Record<string, MethodHandler> = {
  ...botProfileMethods,
  ...chatMethods,
  ...mediaMethods,
  ...messageMethods,
  ...updateMethods,
};

const BY_LOWER_NAME = new Map(
  Object.entries(ALL).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** The method for a name (Telegram matches method names case-insensitively), with its canonical spelling. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
