import type { ChatMessageView, TelegramUser } from "../../../src/testing/telegram/index.js";

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

/** Presses a button on the latest message that has it, and waits for the bot's next message or edit. */
export async function press(user: TelegramUser, label: string): Promise<ChatMessageView> {
  const message = messageWithButton(user, label);
  const before = snapshot(user);
  user.press(message.messageId, label);
  return changedMessage(user, before);
}

function snapshot(user: TelegramUser): Map<number, string> {
  return new Map(user.chat().map((m) => [m.messageId, `${m.text}#${JSON.stringify(m.buttons)}`]));
}

/** The first bot message that is new or changed since the snapshot, waiting up to 5 s. */
async function changedMessage(
  user: TelegramUser,
  before: Map<number, string>,
): Promise<ChatMessageView> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const changed = user
      .chat()
      .filter(
        (m) =>
          m.from === "bot" && before.get(m.messageId) !== `${m.text}#${JSON.stringify(m.buttons)}`,
      );
    if (changed.length > 0) {
      // Let the rest of a burst (an edit, then a new question) arrive.
      await new Promise((r) => setTimeout(r, 60));
      const all = user
        .chat()
        .filter(
          (m) =>
            m.from === "bot" &&
            before.get(m.messageId) !== `${m.text}#${JSON.stringify(m.buttons)}`,
        );
      return all[all.length - 1] ?? (changed[0] as ChatMessageView);
    }
    if (Date.now() > deadline) {
      throw new Error(`no reply from the bot; last: ${user.lastBotMessage()?.text}`);
    }
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Types a text and waits for the bot's next message. */
export async function say(user: TelegramUser, text: string): Promise<ChatMessageView> {
  const before = snapshot(user);
  user.send(text);
  return changedMessage(user, before);
}
