import { vi } from "vitest";
import type {
  ChatMessageView,
  SentUpdate,
  TelegramUser,
  UserProfile,
} from "../../../src/testing/telegram/index.js";
import type { InviteFields } from "./app-bench.js";

/** The bot's latest message in the user's chat that shows this button. */
export function messageWithButton(user: TelegramUser, label: string): ChatMessageView {
  const found = [...user.chat()]
    .reverse()
    .find((m) => m.from === "bot" && m.buttons.flat().includes(label));
  if (!found) {
    const last = user.lastBotMessage();
    throw new Error(
      `no button "${label}"; last bot message: ${last?.text} ${JSON.stringify(last?.buttons)}`,
    );
  }
  return found;
}

/**
 * Presses a button on the latest message that has it; resolves with the bot's last new or
 * changed message. `timeoutMs` bounds the wait for the bot (longer across a restart).
 */
export async function press(
  user: TelegramUser,
  label: string,
  timeoutMs?: number,
): Promise<ChatMessageView> {
  const message = messageWithButton(user, label);
  const before = snapshot(user);
  const sent = user.press(message.messageId, label);
  return answerTo(user, sent.updateId, before, timeoutMs);
}

/** Types a text; resolves with the bot's last new or changed message once it has handled it. */
export async function say(
  user: TelegramUser,
  text: string,
  timeoutMs?: number,
): Promise<ChatMessageView> {
  const before = snapshot(user);
  const sent: SentUpdate = user.send(text);
  return answerTo(user, sent.updateId, before, timeoutMs);
}

/** Someone joins by an invite made straight in the store; resolves once the bot has welcomed them. */
export async function joined(
  bench: {
    invite(invite: InviteFields): Promise<void>;
    emulator: { user(profile: UserProfile): TelegramUser };
  },
  invite: InviteFields,
  profile: UserProfile = { firstName: invite.name ?? invite.code },
): Promise<TelegramUser> {
  await bench.invite(invite);
  const user = bench.emulator.user(profile);
  await say(user, `/start ${invite.code}`);
  return user;
}

function snapshot(user: TelegramUser): Map<number, string> {
  return new Map(user.chat().map((m) => [m.messageId, fingerprint(m)]));
}

function fingerprint(message: ChatMessageView): string {
  return `${message.text}#${JSON.stringify(message.buttons)}`;
}

/**
 * The bot's last message new or changed since the snapshot, taken once the bot has finished
 * handling the update (so a whole burst, an edit then a new question, is in). An answer the
 * platform refused for a moment is queued and shows a little later, as a person would see it;
 * throws when the bot says nothing at all within the time.
 */
async function answerTo(
  user: TelegramUser,
  updateId: number,
  before: Map<number, string>,
  timeoutMs = 15_000,
): Promise<ChatMessageView> {
  await user.whenHandled(updateId, timeoutMs);
  return vi.waitFor(
    () => {
      const changed = user
        .chat()
        .filter((m) => m.from === "bot" && before.get(m.messageId) !== fingerprint(m));
      const last = changed[changed.length - 1];
      if (!last) throw new Error(`no reply from the bot; last: ${user.lastBotMessage()?.text}`);
      return last;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
