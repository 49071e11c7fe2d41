import type { TelegramUser } from "../../../src/testing/telegram/index.js";
import type { ZaloChatMessage, ZaloEmulatorUser } from "../../../src/testing/zalo/index.js";
import type { ConsoleChat } from "../../support/console-channel.js";
import { press, say } from "./chat-steps.js";

/**
 * One step of a weekly report as a person means it, whatever the channel: open the report,
 * pick several options, choose one, or type an answer. Options are named by their label, as
 * the person reads them; each channel turns that into its own gesture (buttons on Telegram,
 * numbers on Zalo).
 */
export type ReportScriptStep =
  | { do: "open" }
  | { do: "pick"; labels: readonly string[] }
  | { do: "choose"; label: string }
  | { do: "type"; text: string };

/** A head's chat that can play report steps on one channel; each step resolves with the bot's answer. */
export interface ReportChat {
  readonly channel: string;
  open(): Promise<string>;
  pick(labels: readonly string[]): Promise<string>;
  choose(label: string): Promise<string>;
  type(text: string): Promise<string>;
}

/** Plays every step in order; resolves with the bot's answer to each. */
export async function playReportScript(
  chat: ReportChat,
  script: readonly ReportScriptStep[],
): Promise<string[]> {
  const answers: string[] = [];
  for (const step of script) {
    switch (step.do) {
      case "open":
        answers.push(await chat.open());
        break;
      case "pick":
        answers.push(await chat.pick(step.labels));
        break;
      case "choose":
        answers.push(await chat.choose(step.label));
        break;
      case "type":
        answers.push(await chat.type(step.text));
        break;
    }
  }
  return answers;
}

/** A full weekly report, as a person means it, for any channel. */
export const WEEKLY_REPORT: ReportScriptStep[] = [
  { do: "open" },
  { do: "pick", labels: ["Đường giao thông", "Đóng góp của nhân dân và xã hội hóa"] },
  { do: "type", text: "1,2 km" },
  { do: "type", text: "ko" },
  { do: "type", text: "2 triệu" },
  { do: "type", text: "0" },
  { do: "type", text: "1.500" },
  { do: "type", text: "khoảng 300 m2" },
  { do: "choose", label: "Tiêu chí mới đạt" },
  { do: "pick", labels: ["Giao thông", "Điện"] },
  { do: "choose", label: "Khó khăn, kiến nghị" },
  { do: "type", text: "Thiếu xi măng cho đoạn đường lên Pác Khuổi." },
  { do: "choose", label: "Xem lại và gửi →" },
  { do: "choose", label: "Gửi báo cáo" },
];

/** The label of the button that ends a multi-choice question on Telegram. */
const DONE = "Xong ✓";

/** A Telegram head: /report, a press per picked option then Done, a press per choice. */
export function telegramReportChat(user: TelegramUser, timeoutMs?: number): ReportChat {
  return {
    channel: "telegram",
    async open() {
      return (await say(user, "/report", timeoutMs)).text;
    },
    async pick(labels) {
      for (const label of labels) await press(user, label, timeoutMs);
      return (await press(user, DONE, timeoutMs)).text;
    },
    async choose(label) {
      return (await press(user, label, timeoutMs)).text;
    },
    async type(text) {
      return (await say(user, text, timeoutMs)).text;
    },
  };
}

/**
 * A Zalo head: types the words "báo cáo", and answers every choice with the number its label
 * carries in the bot's latest list: several numbers on one line for a multi-choice.
 */
export function zaloReportChat(user: ZaloEmulatorUser, timeoutMs?: number): ReportChat {
  const send = async (text: string): Promise<string> =>
    (await settled(user, await user.send(text), timeoutMs)).text ?? "";
  // The list to answer from: on a busy bot, the question may come after the last answer
  // was already counted as handled (the webhook timed out), so wait for it to show.
  const listed = async (label: string): Promise<number> => {
    const shows = (message: ZaloChatMessage | undefined) => {
      try {
        return numberIn(message?.text ?? message?.caption ?? "", label) > 0;
      } catch {
        return false;
      }
    };
    if (!shows(user.lastBotMessage())) await user.waitForBotMessage(shows, timeoutMs);
    return numberOf(user, label);
  };
  return {
    channel: "zalo",
    open: () => send("báo cáo"),
    pick: async (labels) => {
      const numbers: number[] = [];
      for (const label of labels) numbers.push(await listed(label));
      return send(numbers.join(" "));
    },
    choose: async (label) => send(String(await listed(label))),
    type: send,
  };
}

/** The number a label carries in the bot's latest numbered list (`3. Label`), or a photo's caption. */
export function numberOf(user: ZaloEmulatorUser, label: string): number {
  const message = user.lastBotMessage();
  return numberIn(message?.text ?? message?.caption ?? "", label);
}

/** The number a label carries in a message's numbered list (`3. Label`). */
export function numberIn(message: string, label: string): number {
  for (const line of message.split("\n")) {
    const match = /^(\d+)\. (?:✓ )?(.*)$/u.exec(line);
    if (match?.[2] === label) return Number(match[1]);
  }
  throw new Error(`no numbered line "${label}" in the bot's last message:\n${message}`);
}

/**
 * A head at a console (a channel with numbered menus only): "/report", then the number each
 * label carries in the bot's latest list, several on one line for a multi-choice.
 */
export function consoleReportChat(chat: ConsoleChat): ReportChat {
  return {
    channel: "console",
    open: () => chat.type("/report"),
    pick: (labels) => chat.type(labels.map((label) => numberIn(chat.last(), label)).join(" ")),
    choose: (label) => chat.type(String(numberIn(chat.last(), label))),
    type: (text) => chat.type(text),
  };
}

/** The bot's last answer to the user's message `messageId`, once it has handled it (a whole burst). */
export async function settled(
  user: ZaloEmulatorUser,
  messageId: string,
  timeoutMs?: number,
): Promise<ZaloChatMessage> {
  const first = await user.waitForBotMessage(undefined, timeoutMs);
  await user.whenHandled(messageId, timeoutMs);
  const last = user.lastBotMessage();
  // Mark the whole burst as seen, as a person reading the chat would have.
  if (!last || last === first) return first;
  return user.waitForBotMessage((m) => m === last, timeoutMs);
}
